package org.seqvault.api.tls;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

/**
 * Sends a plain-HTTP request that reached the HTTPS port to the same URL over https (308, which
 * keeps the method and body), before anything else looks at it: not even a token is read over a
 * connection that is not encrypted.
 */
public final class PlainHttpRedirect {
    private PlainHttpRedirect() {
    }

    public static void handle(Context ctx) {
        if (ctx.req().isSecure()) {
            return;
        }
        String host = ctx.header("Host");
        if (host == null || host.isBlank()) {
            ctx.status(HttpStatus.BAD_REQUEST).result("this server speaks HTTPS only");
        } else {
            String query = ctx.queryString();
            ctx.redirect("https://" + host + ctx.req().getRequestURI() + (query == null ? "" : "?" + query),
                    HttpStatus.PERMANENT_REDIRECT);
        }
        ctx.skipRemainingHandlers();
    }
}
