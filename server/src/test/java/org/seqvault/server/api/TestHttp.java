package org.seqvault.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A small HTTP client for API tests: real requests over loopback, JSON answers parsed. */
final class TestHttp {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Follows redirects, as the clients do: a download URL on S3 redirects to the object store. */
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String base;

    TestHttp(String base) {
        this.base = base;
    }

    record Response(int status, HttpResponse<byte[]> raw) {
        Response withRaw(HttpResponse<byte[]> r) {
            return new Response(r.statusCode(), r);
        }

        JsonNode json() {
            try {
                byte[] body = raw.body();
                return body.length == 0 ? MissingNode.getInstance() : JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + new String(raw.body(), StandardCharsets.UTF_8), e);
            }
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        byte[] bytes() {
            return raw.body();
        }
    }

    Response send(String method, String pathOrUrl, String token, String contentType, byte[] body, String... headers) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        try {
            return new Response(0, null).withRaw(client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + url + " failed", e);
        }
    }

    Response get(String path, String token) {
        return send("GET", path, token, null, null);
    }

    Response delete(String path, String token) {
        return send("DELETE", path, token, null, null);
    }

    Response postJson(String path, String token, Object body) {
        return sendJson("POST", path, token, body);
    }

    Response sendJson(String method, String path, String token, Object body) {
        try {
            byte[] bytes = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body);
            return send(method, path, token, "application/json", bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A multipart/form-data POST: text fields, then (if fileName != null) the file field. */
    Response postForm(String path, String token, List<String[]> fields, String fileName, byte[] content) {
        String boundary = "----sv" + UUID.randomUUID();
        List<byte[]> parts = new ArrayList<>();
        for (String[] f : fields) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1] + "\r\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
        if (fileName != null) {
            parts.add(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            parts.add(content);
            parts.add("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        parts.add(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        int size = parts.stream().mapToInt(p -> p.length).sum();
        byte[] body = new byte[size];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, body, at, p.length);
            at += p.length;
        }
        return send("POST", path, token, "multipart/form-data; boundary=" + boundary, body);
    }
}
