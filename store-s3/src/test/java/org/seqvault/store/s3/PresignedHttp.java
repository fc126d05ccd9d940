package org.seqvault.store.s3;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A client of presigned URLs with nothing but java.net.http: no SDK, no credentials. */
final class PresignedHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PresignedHttp() {
    }

    static HttpResponse<byte[]> put(String url, byte[] body, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException stale) {
            // A pooled connection the server closed while idle ends the PUT with no answer at all (seen once in a
            // full run); a part PUT is idempotent (the last one wins), so it is sent once more on a new connection.
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }
    }

    static HttpResponse<byte[]> put(String url, byte[] body) throws IOException, InterruptedException {
        return put(url, body, Map.of());
    }

    static HttpResponse<byte[]> get(String url, String range) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The ETag header without its quotes, as clients report it. */
    static String etag(HttpResponse<?> response) {
        String etag = response.headers().firstValue("ETag").orElse("");
        return etag.replace("\"", "");
    }
}
