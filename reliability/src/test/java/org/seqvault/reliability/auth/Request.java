package org.seqvault.reliability.auth;

import java.nio.charset.StandardCharsets;

/** One HTTP request of the matrix, before a caller's credentials are added. */
record Request(String method, String pathAndQuery, String contentType, byte[] body) {

    static Request of(String method, String pathAndQuery) {
        return new Request(method, pathAndQuery, null, null);
    }

    static Request json(String method, String pathAndQuery, String json) {
        return new Request(method, pathAndQuery, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** The request as text, to tell what the caller sent from what the server volunteered. */
    String text() {
        return method + " " + pathAndQuery + " " + (body == null ? "" : new String(body, StandardCharsets.UTF_8));
    }
}
