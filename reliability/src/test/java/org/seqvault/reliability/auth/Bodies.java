package org.seqvault.reliability.auth;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.seqvault.reliability.support.Http;

/** Request bodies for the matrix. */
final class Bodies {
    private static final String BOUNDARY = "----matrix-boundary";

    private Bodies() {
    }

    static Request json(String method, String path, Object body) {
        try {
            return Request.json(method, path, Http.JSON.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A v1 form upload of a small file into the given workspace and path. */
    static Request form(String path, String workspaceId, String folder, String fileName) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        field(body, "workspace_id", workspaceId);
        field(body, "path", folder);
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: text/plain\r\n\r\nmatrix\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Request("POST", path, "multipart/form-data; boundary=" + BOUNDARY, body.toByteArray());
    }

    private static void field(ByteArrayOutputStream body, String name, String value) {
        body.writeBytes(("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value
                + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
}
