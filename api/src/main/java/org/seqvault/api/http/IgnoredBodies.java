package org.seqvault.api.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and drops the body of a GET, HEAD or DELETE. The Seven Bridges client sends one with
 * every call ({@code null} on GET, {@code {}} on DELETE). A body nobody reads makes Jetty close
 * the kept-alive connection after the answer, and the client's next request on it, which may be
 * a POST it will not retry, then fails.
 */
public final class IgnoredBodies {
    /** Larger bodies are left alone; Jetty then closes the connection, which is right for them. */
    private static final int MAX_DRAINED = 64 * 1024;

    private IgnoredBodies() {
    }

    public static void drain(Context ctx) throws IOException {
        HandlerType method = ctx.method();
        if (method != HandlerType.GET && method != HandlerType.HEAD && method != HandlerType.DELETE) {
            return;
        }
        long length = ctx.req().getContentLengthLong();
        if (length == 0 || (length < 0 && ctx.header("Transfer-Encoding") == null) || length > MAX_DRAINED) {
            return;
        }
        InputStream in = ctx.req().getInputStream();
        byte[] buffer = new byte[8192];
        int drained = 0;
        for (int n; drained <= MAX_DRAINED && (n = in.read(buffer)) >= 0; ) {
            drained += n;
        }
    }
}
