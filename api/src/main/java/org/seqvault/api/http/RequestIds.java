package org.seqvault.api.http;

import io.javalin.http.Context;
import org.eclipse.jetty.util.Attributes;
import java.util.concurrent.ThreadLocalRandom;

/** Every request gets an id, sent back in X-Request-Id and in error bodies, and logged with internal errors. */
public final class RequestIds {
    public static final String HEADER = "X-Request-Id";
    private static final String ATTRIBUTE = "seqvault.requestId";

    private RequestIds() {
    }

    public static void assign(Context ctx) {
        String id = "req_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
    }

    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "req_unknown" : id;
    }

    /** The id of a request as Jetty sees it (after it was answered), or "-" when none was assigned. */
    public static String of(Attributes request) {
        return request.getAttribute(ATTRIBUTE) instanceof String id ? id : "-";
    }
}
