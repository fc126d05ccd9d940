package org.seqvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A small client of the SeqVault HTTP API for setting up and driving the measurements. */
final class Api {
    static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    final String base;
    final String token;

    Api(String base, String token) {
        this.base = base;
        this.token = token;
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
        return send(request(pathAndQuery).GET().build(), 200);
    }

    JsonNode post(String path, Object body, int expected) throws IOException {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(), expected);
    }

    /** A status and the body, of one GET a latency loop timed. */
    record Answer(int status, byte[] body) {
    }

    /**
     * One GET for latency loops, through {@link HttpURLConnection}: a blocking client that reuses
     * its kept-alive connection on the calling thread. {@code java.net.http}, which the rest of the
     * harness uses, hands every exchange between threads; against an idle server it added 0.4 ms at
     * p50 and 3–4 ms at p99 to a request that does nothing (bench/FIXES.md, section 7), time the find
     * measurement would otherwise charge to the server.
     */
    Answer timedGet(String pathAndQuery) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(base + pathAndQuery).toURL().openConnection();
        c.setRequestProperty("Authorization", "Bearer " + token);
        c.setConnectTimeout(10_000);
        c.setReadTimeout(600_000);
        int status = c.getResponseCode();
        // Read to the end and close: that is what returns the connection to the keep-alive cache.
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new Answer(status, in == null ? new byte[0] : in.readAllBytes());
        }
    }

    /** v1 form upload of one small file; returns the file's JSON. */
    JsonNode formUpload(String workspaceId, String path, String fileName, byte[] content) throws IOException {
        String boundary = "----bench" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"workspace_id\"\r\n\r\n" + workspaceId
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"path\"\r\n\r\n" + path
                + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest req = request("/v1/files/upload")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofByteArray(content), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        return send(req, 201);
    }

    /** PUT bytes to a presigned URL (no token); returns the ETag. */
    String putBytes(String url, byte[] content) throws IOException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(5))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)).build();
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new IOException("PUT " + url + " answered " + res.statusCode() + ": " + res.body());
            }
            return res.headers().firstValue("ETag").orElseThrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofMinutes(10))
                .header("Authorization", "Bearer " + token);
    }

    private JsonNode send(HttpRequest req, int expected) throws IOException {
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != expected) {
                throw new IOException(req.method() + " " + req.uri() + " answered " + res.statusCode() + ": " + res.body());
            }
            return res.body().isEmpty() ? JSON.nullNode() : JSON.readTree(res.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
