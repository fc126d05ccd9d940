package org.seqvault.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;

/** Plain HTTP calls a script would make: JSON calls with a token, streamed uploads and downloads. */
final class Client {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Follows redirects, as SDKs and browsers do: a download URL on S3 redirects to the object store. */
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final String base;

    Client(String base) {
        this.base = base;
    }

    record Answer(int status, JsonNode json, HttpResponse<byte[]> raw) {
        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String text() {
            return new String(raw.body(), StandardCharsets.UTF_8);
        }
    }

    Answer call(String method, String path, String token, Object json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofMinutes(2));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        try {
            if (json != null) {
                b.header("Content-Type", "application/json");
                b.method(method, BodyPublishers.ofByteArray(JSON.writeValueAsBytes(json)));
            } else {
                b.method(method, BodyPublishers.noBody());
            }
            return answer(http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(method + " " + path, e);
        }
    }

    Answer send(HttpRequest request) {
        try {
            return answer(http.send(request, HttpResponse.BodyHandlers.ofByteArray()));
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(request.method() + " " + request.uri(), e);
        }
    }

    HttpRequest.Builder request(String pathOrUrl) {
        return HttpRequest.newBuilder(URI.create(pathOrUrl.startsWith("http") ? pathOrUrl : base + pathOrUrl))
                .timeout(Duration.ofMinutes(10));
    }

    /** A multipart/form-data body whose file part streams from disk. */
    static BodyPublisher form(String boundary, String[][] fields, String fileName, BodyPublisher file) {
        StringBuilder head = new StringBuilder();
        for (String[] f : fields) {
            head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"").append(f[0])
                    .append("\"\r\n\r\n").append(f[1]).append("\r\n");
        }
        head.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(fileName).append("\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        String tail = "\r\n--" + boundary + "--\r\n";
        return BodyPublishers.concat(BodyPublishers.ofByteArray(head.toString().getBytes(StandardCharsets.UTF_8)), file,
                BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.UTF_8)));
    }

    static String boundary() {
        return "----e2e" + UUID.randomUUID();
    }

    /** A slice of a file as a request body with a known length. */
    static BodyPublisher slice(Path file, long offset, long length) {
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> {
            try {
                FileChannel ch = FileChannel.open(file, StandardOpenOption.READ).position(offset);
                return new BoundedStream(Channels.newInputStream(ch), length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }), length);
    }

    /** GETs a URL (optionally with a Range) and returns status, length and the SHA-256 of the body, streamed. */
    record Download(int status, long bytes, String sha256, String contentRange) {
    }

    Download download(String url, String range) throws Exception {
        HttpRequest.Builder b = request(url).GET();
        if (range != null) {
            b.header("Range", range);
        }
        HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long n;
        try (InputStream in = new DigestInputStream(r.body(), sha)) {
            n = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return new Download(r.statusCode(), n, HexFormat.of().formatHex(sha.digest()),
                r.headers().firstValue("Content-Range").orElse(null));
    }

    private static Answer answer(HttpResponse<byte[]> r) {
        JsonNode json = null;
        try {
            if (r.body().length > 0) {
                json = JSON.readTree(r.body());
            }
        } catch (IOException notJson) {
            // Left null: the test asserting on it will say so.
        }
        return new Answer(r.statusCode(), json, r);
    }

    /** Reads at most {@code remaining} bytes. */
    private static final class BoundedStream extends java.io.FilterInputStream {
        private long remaining;

        BoundedStream(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(buf, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }
    }
}
