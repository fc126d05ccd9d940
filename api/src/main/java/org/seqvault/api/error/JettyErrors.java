package org.seqvault.api.error;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.seqvault.api.http.Json;

/**
 * Refusals Jetty makes before a request reaches the application (a URI it will not route such
 * as "/../x", headers over the limit, a malformed request line) in the same JSON as every other
 * error, instead of Jetty's HTML page: the Seven Bridges client fails on any error body that is
 * not JSON. Jetty closes such a connection, so the answer says so, and a client does not send its
 * next request into a closed socket.
 */
public final class JettyErrors extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws IOException {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.getHeaders().put(HttpHeader.CONNECTION, "close");
        response.write(true, ByteBuffer.wrap(body(path, code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        fields.put(HttpHeader.CONNECTION, "close");
        return ByteBuffer.wrap(body(null, status, reason));
    }

    /** The error in the dialect of the path (the workspace format when the path is unknown). */
    static byte[] body(String path, int status, String reason) {
        String message = "the request could not be handled: " + (reason == null || reason.isBlank()
                ? "HTTP " + status : reason);
        Object body;
        if (path != null && (path.startsWith("/v2/") || path.equals("/v2"))) {
            body = SbErrors.body(status, null, message);
        } else if (path != null && path.startsWith(DrsErrors.PREFIX)) {
            body = DrsErrors.body(status, message);
        } else if (path != null && path.startsWith(HtsgetErrors.PREFIX)) {
            body = HtsgetErrors.body(status, null, message);
        } else {
            Map<String, Object> error = new LinkedHashMap<>();
            error.put("code", V1Errors.code(status, null));
            error.put("message", message);
            error.put("request_id", "req_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE));
            body = Map.of("error", error);
        }
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            return ("{\"error\":{\"code\":\"invalid_request\",\"message\":\"HTTP " + status + "\"}}")
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }
}
