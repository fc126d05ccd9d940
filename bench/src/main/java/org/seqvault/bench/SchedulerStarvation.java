package org.seqvault.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * A diagnostic, not in the report (bench/FIXES.md §17): how long a virtual thread started from a
 * platform thread waits for a carrier while other virtual threads keep every carrier busy handing
 * work to each other. In the server, Jetty's selector (a platform thread) starts each request's
 * virtual thread and wakes those waiting on their sockets, while requests hand locks and pooled
 * connections to each other; the filtered listing's stalls of 0.3-3.8 s looked like this.
 *
 * <pre>
 * $JAVA_HOME/bin/java -cp bench/target/classes org.seqvault.bench.SchedulerStarvation [PAIRS] [HOP_MICROS] [SECONDS]
 * </pre>
 *
 * PAIRS pairs of virtual threads pass a token back and forth, each hop after HOP_MICROS of CPU work
 * (every hand-over unparks a virtual thread from a virtual thread). Meanwhile the main thread starts
 * a virtual thread every 10 ms and measures how long it takes to begin running. Compare PAIRS below
 * and at the number of carriers ({@code -Djdk.virtualThreadScheduler.parallelism}, default: cores).
 */
public final class SchedulerStarvation {
    private static final long START_INTERVAL_MILLIS = 10;
    private static volatile long sink;

    private SchedulerStarvation() {
    }

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        long hopNanos = TimeUnit.MICROSECONDS.toNanos(args.length > 1 ? Long.parseLong(args[1]) : 100);
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> passers = new ArrayList<>();
        for (int p = 0; p < pairs; p++) {
            SynchronousQueue<Boolean> there = new SynchronousQueue<>(), back = new SynchronousQueue<>();
            passers.add(Thread.ofVirtual().start(() -> pass(there, back, true, end, hopNanos)));
            passers.add(Thread.ofVirtual().start(() -> pass(back, there, false, end, hopNanos)));
        }
        List<Long> waits = new ArrayList<>();
        // Stop starting half a second before the passers stop, so a start that waits for them shows as a long wait.
        while (System.nanoTime() < end - TimeUnit.MILLISECONDS.toNanos(500)) {
            long asked = System.nanoTime();
            CompletableFuture<Long> began = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> began.complete(System.nanoTime() - asked));
            waits.add(began.get());
            Thread.sleep(START_INTERVAL_MILLIS);
        }
        for (Thread t : passers) {
            t.join();
        }
        Stats stats = Stats.of(waits.stream().map(n -> n / 1e6).toList());
        System.out.printf(Locale.ROOT, "%s, %d carriers, %d pairs handing over every %d us: %d virtual threads started"
                        + " from a platform thread waited p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                Runtime.version(), carriers(), pairs, TimeUnit.NANOSECONDS.toMicros(hopNanos), waits.size(),
                stats.percentile(50), stats.percentile(99), stats.max());
    }

    private static int carriers() {
        return Integer.getInteger("jdk.virtualThreadScheduler.parallelism", Runtime.getRuntime().availableProcessors());
    }

    /**
     * Works for hopNanos, then hands the token over, until time is up. Waits are timed and retried,
     * so a pair whose threads start late (starved themselves) still ends on time.
     */
    private static void pass(SynchronousQueue<Boolean> out, SynchronousQueue<Boolean> in, boolean first, long end,
                             long hopNanos) {
        try {
            if (first && !handOver(out, end)) {
                return;
            }
            while (true) {
                Boolean token = null;
                while (token == null) {
                    if (System.nanoTime() > end) {
                        return;
                    }
                    token = in.poll(100, TimeUnit.MILLISECONDS);
                }
                long start = System.nanoTime(), spins = 0;
                while (System.nanoTime() - start < hopNanos) {
                    spins++;
                }
                sink += spins;
                if (!handOver(out, end)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean handOver(SynchronousQueue<Boolean> out, long end) throws InterruptedException {
        while (!out.offer(Boolean.TRUE, 100, TimeUnit.MILLISECONDS)) {
            if (System.nanoTime() > end) {
                return false;
            }
        }
        return true;
    }
}
