package org.seqvault.client.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.seqvault.client.ClientOptions;
import org.seqvault.client.IntegrityException;

/**
 * The data plane: part PUTs and ranged GETs on presigned URLs. No token is sent (the URL is the
 * credential) and no Content-Type is added. Every transfer is watched for stalls; bytes are
 * reported as they move and taken back when the attempt fails, so progress stays truthful
 * across retries.
 */
public final class Blobs {
    private final HttpClient http;
    private final Duration stallTimeout;
    private final String userAgent;
    private final Watchdog watchdog;

    public Blobs(HttpClient http, ClientOptions options, Watchdog watchdog) {
        this.http = http;
        this.stallTimeout = options.stallTimeout();
        this.userAgent = options.userAgent();
        this.watchdog = watchdog;
    }

    /**
     * PUTs {@code length} bytes of {@code file} from {@code offset}; returns the answer's ETag
     * without quotes, after checking it is the MD5 of what was sent.
     */
    public String put(String url, Map<String, String> headers, FileChannel file, long offset, long length,
                      LongConsumer onBytes) throws IOException, InterruptedException {
        AtomicReference<Runnable> abort = new AtomicReference<>();
        try (Watchdog.Watch watch = watchdog.watch(stallTimeout, () -> run(abort))) {
            FileSliceBody body = new FileSliceBody(file, offset, length, n -> {
                watch.touch();
                onBytes.accept(n);
            });
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).PUT(body.publisher())
                    .header("User-Agent", userAgent);
            headers.forEach(request::header);
            try {
                HttpResponse<byte[]> response = await(request.build(), BodyHandlers.ofByteArray(), abort, watch);
                if (response.statusCode() >= 300) {
                    throw ErrorDecoder.decode(response.statusCode(), response.headers(), response.body());
                }
                String etag = unquote(response.headers().firstValue("ETag").orElse(""));
                String sent = body.md5Hex();
                if (!etag.equalsIgnoreCase(sent)) {
                    throw new IntegrityException("the stored part has ETag '" + etag + "' but the bytes sent have MD5 "
                            + sent);
                }
                return etag;
            } catch (IOException | RuntimeException | InterruptedException e) {
                onBytes.accept(-body.finish());
                throw e;
            }
        }
    }

    /** GETs bytes {@code [start, start + length)} of a file of {@code total} bytes into {@code file} at the same offsets. */
    public void getRange(String url, long start, long length, long total, FileChannel file, LongConsumer onBytes)
            throws IOException, InterruptedException {
        AtomicReference<Runnable> abort = new AtomicReference<>();
        AtomicReference<ChannelWriter> writer = new AtomicReference<>();
        try (Watchdog.Watch watch = watchdog.watch(stallTimeout, () -> run(abort))) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET()
                    .header("User-Agent", userAgent)
                    .header("Range", "bytes=" + start + "-" + (start + length - 1))
                    .build();
            BodyHandler<Outcome> handler = info -> {
                if (acceptable(info.statusCode(), info.headers(), start, length, total)) {
                    ChannelWriter w = new ChannelWriter(file, start, length, watch, onBytes);
                    writer.set(w);
                    return BodySubscribers.mapping(w, Outcome.Written::new);
                }
                return BodySubscribers.mapping(BodySubscribers.ofByteArray(),
                        bytes -> new Outcome.Refused(info.statusCode(), info.headers(), bytes));
            };
            try {
                Outcome outcome = await(request, handler, abort, watch).body();
                if (outcome instanceof Outcome.Refused r) {
                    throw ErrorDecoder.decode(r.status(), r.headers(), r.body());
                }
            } catch (IOException | RuntimeException | InterruptedException e) {
                ChannelWriter w = writer.get();
                if (w != null) {
                    onBytes.accept(-w.finish());
                }
                throw e;
            }
        }
    }

    /** 206 for exactly our range; or 200 when the range was the whole file (a server may ignore Range then). */
    private static boolean acceptable(int status, HttpHeaders headers, long start, long length, long total) {
        if (status == 206) {
            String range = headers.firstValue("Content-Range").orElse("");
            return range.startsWith("bytes " + start + "-" + (start + length - 1) + "/");
        }
        return status == 200 && start == 0 && length == total
                && headers.firstValueAsLong("Content-Length").orElse(-1) == total;
    }

    private sealed interface Outcome {
        record Written(long bytes) implements Outcome {
        }

        record Refused(int status, HttpHeaders headers, byte[] body) implements Outcome {
        }
    }

    private <T> HttpResponse<T> await(HttpRequest request, BodyHandler<T> handler, AtomicReference<Runnable> abort,
                                      Watchdog.Watch watch) throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<T>> future = http.sendAsync(request, handler);
        abort.set(() -> future.cancel(true));
        try {
            return future.get();
        } catch (CancellationException e) {
            throw stalled();
        } catch (InterruptedException e) {
            future.cancel(true);
            throw e;
        } catch (ExecutionException e) {
            if (watch.stalled()) {
                throw stalled();
            }
            Throwable cause = e.getCause();
            if (cause instanceof ConnectException refused) {
                throw Unreachable.to(request.uri(), refused);
            }
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(cause);
        }
    }

    private HttpTimeoutException stalled() {
        return new HttpTimeoutException("no byte moved for " + stallTimeout.toSeconds() + " s; connection aborted");
    }

    private static void run(AtomicReference<Runnable> action) {
        Runnable r = action.get();
        if (r != null) {
            r.run();
        }
    }

    static String unquote(String etag) {
        String e = etag.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }
}
