package org.seqvault.client.internal;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Aborts transfers that stop moving. java.net.http's request timeout only covers the wait for
 * the answer's headers; a body that stalls half-way would otherwise block a part forever.
 */
public final class Watchdog implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "seqvault-watchdog");
        t.setDaemon(true);
        return t;
    });

    /** Starts watching; call {@link Watch#touch()} on progress and {@link Watch#close()} when done. */
    public Watch watch(Duration limit, Runnable onStall) {
        Watch w = new Watch(limit.toNanos(), onStall);
        long every = Math.max(50, limit.toMillis() / 4);
        w.check = timer.scheduleWithFixedDelay(w::check, every, every, TimeUnit.MILLISECONDS);
        return w;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One transfer under watch. */
    public static final class Watch implements AutoCloseable {
        private final long limitNanos;
        private final Runnable onStall;
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean stalled;
        private volatile ScheduledFuture<?> check;

        private Watch(long limitNanos, Runnable onStall) {
            this.limitNanos = limitNanos;
            this.onStall = onStall;
        }

        public void touch() {
            lastProgress = System.nanoTime();
        }

        /** @return true when the watch fired and aborted the transfer */
        public boolean stalled() {
            return stalled;
        }

        private void check() {
            if (!stalled && System.nanoTime() - lastProgress > limitNanos) {
                stalled = true;
                close();
                onStall.run();
            }
        }

        @Override
        public void close() {
            ScheduledFuture<?> c = check;
            if (c != null) {
                c.cancel(false);
            }
        }
    }
}
