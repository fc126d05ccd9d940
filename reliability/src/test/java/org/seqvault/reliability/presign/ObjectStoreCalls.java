package org.seqvault.reliability.presign;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodySubscribers;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests to the object store itself (S3's presigned URLs point there, not at the server).
 * S3Proxy, the tests' S3, refuses a request before reading its body and then drops the
 * connection without saying {@code Connection: close}: the next request on that pooled
 * connection gets no answer at all, and a refusal still being written may be cut short. Neither
 * is what the test asks (which requests the store honours), so a request that got no answer is
 * sent again, and an answer cut short counts by its status. The server's own URLs get no such
 * leniency: there, a dropped connection is a finding.
 */
final class ObjectStoreCalls {
    private static final int ATTEMPTS = 3;

    private ObjectStoreCalls() {
    }

    /** A status, and the body unless the answer was cut short ({@code null} then). */
    record Reply(int status, byte[] body) {
    }

    static Reply send(HttpClient pooled, HttpRequest request) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            AtomicInteger status = new AtomicInteger(-1);
            // Retries go out on a client of their own: the pool may hold more dropped connections.
            HttpClient client = attempt == 0 ? pooled : HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            try {
                HttpResponse<byte[]> r = client.send(request, info -> {
                    status.set(info.statusCode());
                    return BodySubscribers.ofByteArray();
                });
                return new Reply(r.statusCode(), r.body());
            } catch (IOException e) {
                if (status.get() > 0) {
                    return new Reply(status.get(), null);
                }
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } finally {
                if (client != pooled) {
                    client.close();
                }
            }
        }
        throw last;
    }
}
