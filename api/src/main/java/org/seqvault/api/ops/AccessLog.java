package org.seqvault.api.ops;

import java.util.Locale;
import org.eclipse.jetty.server.Request;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.RequestIds;
import org.seqvault.service.auth.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the logger {@code seqvault.access}: request id, user, method, route
 * template, path, status, body bytes in and out, duration and client address. The query string is
 * never logged: on presigned URLs it is the credential.
 */
public final class AccessLog {
    private static final Logger LOG = LoggerFactory.getLogger("seqvault.access");

    void write(Request request, String route, int status, double millis, WireBytes bytes) {
        if (!LOG.isInfoEnabled()) {
            return;
        }
        Principal caller = Auth.authenticated(request);
        // Key/value pairs: logfmt in the text format (key=value), fields of their own in the JSON one.
        LOG.atInfo()
                .setMessage("request")
                .addKeyValue("request_id", RequestIds.of(request))
                .addKeyValue("user", caller == null ? "-" : caller.user().username().value())
                .addKeyValue("method", request.getMethod())
                .addKeyValue("route", route)
                .addKeyValue("path", request.getHttpURI().getPath())
                .addKeyValue("status", status)
                .addKeyValue("bytes_in", bytes.received())
                .addKeyValue("bytes_out", bytes.served())
                .addKeyValue("duration_ms", String.format(Locale.ROOT, "%.1f", millis))
                .addKeyValue("client", Request.getRemoteAddr(request))
                .log();
    }
}
