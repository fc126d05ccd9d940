package org.seqvault.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/** HTTP over loopback as a script or SDK would speak it: JSON calls with a token, raw PUTs, form uploads. */
public final class Http {
    public static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client;
    private final String base;

    /** Follows redirects, as SDKs and browsers do: a download URL on S3 redirects to the object store. */
    public Http(String base) {
        this(base, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build());
    }

    public Http(String base, HttpClient client) {
        this.base = base;
        this.client = client;
    }

    public String base() {
        return base;
    }

    public HttpClient client() {
        return client;
    }

    /** An answer: status, headers and the whole body. */
    public record Answer(int status, HttpResponse<byte[]> raw) {
        public JsonNode json() {
            byte[] body = raw.body();
            if (body.length == 0) {
                return MissingNode.getInstance();
            }
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + text(), e);
            }
        }

        public String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }

        public byte[] bytes() {
            return raw.body();
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    public HttpRequest.Builder request(String pathOrUrl) {
        return HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl))
                .timeout(Duration.ofSeconds(60));
    }

    /** A JSON call (body null: none). Throws IOException when the server cannot be reached. */
    public Answer call(String method, String path, String token, Object body) throws IOException {
        HttpRequest.Builder b = request(path);
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            b.method(method, BodyPublishers.ofByteArray(body instanceof String s
                    ? s.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(body)));
        } else {
            b.method(method, BodyPublishers.noBody());
        }
        return send(b.build());
    }

    public Answer get(String path, String token) throws IOException {
        return call("GET", path, token, null);
    }

    /** PUTs raw bytes to a URL (a presigned one needs no token). */
    public Answer put(String url, byte[] bytes) throws IOException {
        return send(request(url).PUT(BodyPublishers.ofByteArray(bytes)).build());
    }

    public Answer send(HttpRequest request) throws IOException {
        try {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(r.statusCode(), r);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** A v1 form upload: text fields, then the file field. */
    public Answer form(String path, String token, List<String[]> fields, String fileName, byte[] content)
            throws IOException {
        String boundary = "----rel" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(content.length + 1024);
        for (String[] f : fields) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n"
                    + f[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(request(path).header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(BodyPublishers.ofByteArray(body.toByteArray())).build());
    }
}
