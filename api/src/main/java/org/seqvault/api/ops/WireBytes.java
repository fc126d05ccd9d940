package org.seqvault.api.ops;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/** The body bytes an answered request read and its answer wrote, as Jetty counted them. */
record WireBytes(long received, long served) {
    static WireBytes of(Request request, Response response) {
        return new WireBytes(Request.getContentBytesRead(request), Response.getContentBytesWritten(response));
    }
}
