package org.seqvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The whole machine's CPU time from /proc/stat: every process (server, client, baseline, other
 * work) and the kernel's own threads. On two cores an upload's server, its client and the kernel
 * share the same CPU, so "busy fraction of all cores" shows when a run is CPU-bound rather than
 * bound by its slowest stage; and before a measurement it shows whether the machine is quiet.
 */
record MachineCpu(long busyTicks, long totalTicks) {
    private static final Path STAT = Path.of("/proc/stat");
    /** USER_HZ: /proc/stat counts in hundredths of a second on Linux. */
    private static final double TICKS_PER_SECOND = 100.0;
    /** A machine busier than this (all cores together) is not quiet enough to measure on. */
    private static final double QUIET = 0.15;

    static MachineCpu now() {
        try {
            String cpu = Files.readAllLines(STAT).get(0);
            String[] f = cpu.trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0, total = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i != 4 && i != 5) {
                    busy += v;
                }
            }
            return new MachineCpu(busy, total);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** CPU seconds all cores spent busy since {@code before}. */
    double busySecondsSince(MachineCpu before) {
        return (busyTicks - before.busyTicks) / TICKS_PER_SECOND;
    }

    /** Busy share of all cores since {@code before}, 0..1. */
    double busyFractionSince(MachineCpu before) {
        long total = totalTicks - before.totalTicks;
        return total == 0 ? 0 : (double) (busyTicks - before.busyTicks) / total;
    }

    /**
     * Waits (up to {@code maxSeconds}) until two one-second samples in a row find the machine at
     * most 15% busy: a measurement right after another one (the kernel still writing its files
     * back, a JVM still collecting) would otherwise pay for it. Says what it found.
     */
    static String settle(int maxSeconds) throws InterruptedException {
        long start = System.nanoTime();
        int quietInARow = 0;
        double last = 1;
        while (BenchContext.seconds(start) < maxSeconds) {
            MachineCpu before = now();
            Thread.sleep(1000);
            last = now().busyFractionSince(before);
            quietInARow = last <= QUIET ? quietInARow + 1 : 0;
            if (quietInARow == 2) {
                return String.format(Locale.ROOT, "quiet (%.0f%% busy) after %.0f s", last * 100, BenchContext.seconds(start));
            }
        }
        return String.format(Locale.ROOT, "NOT quiet: still %.0f%% busy after %d s", last * 100, maxSeconds);
    }
}
