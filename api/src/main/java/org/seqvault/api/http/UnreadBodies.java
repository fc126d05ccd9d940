package org.seqvault.api.http;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and drops what is left of a request's body before the answer: the rest of an upload that
 * is refused (413, 507, …), or the epilogue after a form's closing boundary, which the form parser
 * never reads. A server that answers and closes while the client is still sending makes the kernel
 * reset the connection, and many clients (java.net.http, Python's requests) then report the reset
 * instead of the answer; even when the answer arrives, the connection cannot be kept alive. Only
 * so much is drained: past that, the connection is closed after the answer, which is right for a
 * client that keeps sending gigabytes nobody will keep.
 */
public final class UnreadBodies {
    private static final long MAX_DRAINED = 64L << 20;

    private UnreadBodies() {
    }

    public static void drain(Context ctx) {
        HandlerType method = ctx.method();
        if (method != HandlerType.POST && method != HandlerType.PUT && method != HandlerType.PATCH) {
            return;
        }
        long length = ctx.req().getContentLengthLong();
        if (length == 0 || (length < 0 && ctx.header("Transfer-Encoding") == null)) {
            return;
        }
        try {
            InputStream in = ctx.req().getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long drained = 0;
            for (int n; drained <= MAX_DRAINED && (n = in.read(buffer)) >= 0; ) {
                drained += n;
            }
        } catch (IOException | IllegalStateException e) {
            // The client went away or the body was already closed: nothing left to protect.
        }
    }
}
