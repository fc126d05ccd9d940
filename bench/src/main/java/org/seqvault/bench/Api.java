package org.seqvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/**
 * A small client of the SeqVault HTTP API for setting up and driving the measurements. Every call
 * goes through {@link HttpURLConnection}: a blocking client that reuses its kept-alive connection
 * on the calling thread. {@code java.net.http} hands every exchange between threads; against an
 * idle server it added 0.4 ms at p50 and 3–4 ms at p99 to a request that does nothing
 * (bench/FIXES.md, section 7), and in the small-files measurement its CPU per request was about the
 * server's, on the same two cores (section 9). {@link #configureConnections} must run first.
 */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    final String base;
    final String token;

    Api(String base, String token) {
        this.base = base;
        this.token = token;
    }

    /**
     * Keeps enough idle connections per server for every client thread (the JDK keeps 5), and never
     * sends a POST twice on its own: a measurement must see its failures.
     */
    static void configureConnections() {
        System.setProperty("http.maxConnections", "64");
        System.setProperty("sun.net.http.retryPost", "false");
    }

    /** A workspace (project) owned by the caller: its workspace id, owner/slug and root folder id. */
    record Workspace(String id, String ref, String rootFolderId) {
    }

    Workspace createWorkspace(String name) throws IOException {
        JsonNode ws = post("/v1/workspaces", Map.of("name", name), 201);
        String ref = ws.path("project").asText();
        JsonNode project = get("/v2/projects/" + ref);
        return new Workspace(ws.path("workspace_id").asText(), ref, project.path("root_folder").asText());
    }

    JsonNode get(String pathAndQuery) throws IOException {
        return json(call("GET", base + pathAndQuery, true, null), "GET " + pathAndQuery, 200);
    }

    JsonNode post(String path, Object body, int expected) throws IOException {
        return json(call("POST", base + path, true, "application/json", JSON.writeValueAsBytes(body)), "POST " + path,
                expected);
    }

    JsonNode put(String path, Object body) throws IOException {
        return json(call("PUT", base + path, true, "application/json", JSON.writeValueAsBytes(body)), "PUT " + path,
                200);
    }

    /** A status, the body and the ETag header (or null), of one exchange. */
    record Answer(int status, byte[] body, String etag) {
    }

    /** One GET for latency loops: the answer as it came, whatever its status. */
    Answer timedGet(String pathAndQuery) throws IOException {
        return call("GET", base + pathAndQuery, true, null);
    }

    /** v1 form upload of one small file; returns the file's JSON. */
    JsonNode formUpload(String workspaceId, String path, String fileName, byte[] content) throws IOException {
        String boundary = "----bench" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"workspace_id\"\r\n\r\n" + workspaceId
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"path\"\r\n\r\n" + path
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        Answer a = call("POST", base + "/v1/files/upload", true, "multipart/form-data; boundary=" + boundary,
                head, content, tail);
        return json(a, "POST /v1/files/upload", 201);
    }

    /** PUT bytes to a presigned URL (no token); returns the ETag. */
    String putBytes(String url, byte[] content) throws IOException {
        Answer a = call("PUT", url, false, "application/octet-stream", content);
        if (a.status() != 200 || a.etag() == null) {
            throw new IOException("PUT " + url + " answered " + a.status() + " (ETag " + a.etag() + "): "
                    + new String(a.body(), StandardCharsets.UTF_8));
        }
        return a.etag();
    }

    private Answer call(String method, String url, boolean withToken, String contentType, byte[]... body)
            throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
        c.setRequestMethod(method);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(600_000);
        if (withToken) {
            c.setRequestProperty("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            long length = 0;
            for (byte[] b : body) {
                length += b.length;
            }
            c.setRequestProperty("Content-Type", contentType);
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(length);
            try (OutputStream out = c.getOutputStream()) {
                for (byte[] b : body) {
                    out.write(b);
                }
            }
        }
        int status = c.getResponseCode();
        // Read to the end and close: that is what returns the connection to the keep-alive cache.
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new Answer(status, in == null ? new byte[0] : in.readAllBytes(), c.getHeaderField("ETag"));
        }
    }

    private static JsonNode json(Answer a, String what, int expected) throws IOException {
        if (a.status() != expected) {
            throw new IOException(what + " answered " + a.status() + ": " + new String(a.body(), StandardCharsets.UTF_8));
        }
        return a.body().length == 0 ? JSON.nullNode() : JSON.readTree(a.body());
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
