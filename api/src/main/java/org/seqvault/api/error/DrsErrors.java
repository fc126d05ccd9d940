package org.seqvault.api.error;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqvault.domain.Problem;

/** GA4GH DRS errors: {msg, status_code}, the status code always the HTTP status. */
public final class DrsErrors implements ErrorDialect {
    /** Every DRS path starts so. */
    public static final String PREFIX = "/ga4gh/drs/";

    @Override
    public void render(Context ctx, int status, Problem problem, String message) {
        ctx.status(status).json(body(status, message));
    }

    public static Map<String, Object> body(int status, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("msg", message);
        body.put("status_code", status);
        return body;
    }
}
