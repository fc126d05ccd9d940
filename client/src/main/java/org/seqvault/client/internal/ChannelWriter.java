package org.seqvault.client.internal;

import java.io.IOException;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;

/**
 * Writes a response body straight into a file at its own offsets (positional writes, so
 * parallel ranges share one channel), refusing more or fewer bytes than the range asked for.
 */
final class ChannelWriter implements BodySubscriber<Long> {
    private final FileChannel channel;
    private final long start;
    private final long expected;
    private final Watchdog.Watch watch;
    private final LongConsumer onBytes;
    private final CompletableFuture<Long> result = new CompletableFuture<>();
    private Flow.Subscription subscription;
    private long written;
    private boolean finished;

    ChannelWriter(FileChannel channel, long start, long expected, Watchdog.Watch watch, LongConsumer onBytes) {
        this.channel = channel;
        this.start = start;
        this.expected = expected;
        this.watch = watch;
        this.onBytes = onBytes;
    }

    /**
     * Ends the attempt: later buffers (a cancelled exchange may still deliver some) are neither
     * written nor reported. Returns the bytes reported, to take back when the attempt failed.
     */
    synchronized long finish() {
        finished = true;
        return written;
    }

    private synchronized long written() {
        return written;
    }

    @Override
    public CompletionStage<Long> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        s.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        try {
            for (ByteBuffer b : buffers) {
                int n = b.remaining();
                // Written, counted and reported under the lock, so finish() sees all of a buffer or none.
                synchronized (this) {
                    if (finished) {
                        subscription.cancel();
                        return;
                    }
                    if (written + n > expected) {
                        throw new IOException("the server sent more than the " + expected + " bytes asked for");
                    }
                    long at = start + written;
                    while (b.hasRemaining()) {
                        at += channel.write(b, at);
                    }
                    written += n;
                    onBytes.accept(n);
                }
                watch.touch();
            }
            subscription.request(1);
        } catch (IOException e) {
            subscription.cancel();
            result.completeExceptionally(e);
        }
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        long w = written();
        if (w != expected) {
            result.completeExceptionally(new IOException("the connection ended after " + w + " of " + expected
                    + " bytes"));
        } else {
            result.complete(w);
        }
    }
}
