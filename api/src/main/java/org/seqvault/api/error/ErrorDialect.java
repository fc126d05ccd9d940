package org.seqvault.api.error;

import io.javalin.http.Context;
import org.seqvault.domain.Problem;

/** Renders an error in one API's own format. {@code problem} is null for internal errors and unmatched routes. */
public interface ErrorDialect {
    void render(Context ctx, int status, Problem problem, String message);
}
