package org.seqvault.cli;

import java.util.concurrent.atomic.AtomicInteger;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.seqvault.client.ProgressListener;

/**
 * One progress bar for a whole batch of transfers on stderr, with bytes, rate and ETA, and
 * files done (and retries, when there were some) beside it. Shown only on a terminal.
 */
public final class ProgressDisplay implements ProgressListener, AutoCloseable {
    private static final int DEFAULT_WIDTH = 100;

    private final ProgressBar bar;
    private final int files;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();

    private ProgressDisplay(ProgressBar bar, int files) {
        this.bar = bar;
        this.files = files;
    }

    /** A bar for {@code files} files of {@code totalBytes} in all; silent unless {@code show}. */
    public static ProgressDisplay forBatch(CliContext ctx, String task, long totalBytes, int files, boolean show) {
        if (!show) {
            return new ProgressDisplay(null, files);
        }
        ProgressBar bar = onStderr(ctx, task)
                .setInitialMax(Math.max(totalBytes, 1))
                .setUnit("MiB", 1 << 20)
                .showSpeed()
                .build();
        ProgressDisplay d = new ProgressDisplay(bar, files);
        d.message();
        return d;
    }

    /**
     * A bar for {@code task} on stderr: Unicode blocks when the locale is UTF-8, else ASCII, as wide
     * as {@code COLUMNS}, redrawn four times a second.
     */
    static ProgressBarBuilder onStderr(CliContext ctx, String task) {
        String lang = ctx.env().getOrDefault("LC_ALL", ctx.env().getOrDefault("LANG", ""));
        boolean unicode = lang.toUpperCase(java.util.Locale.ROOT).contains("UTF-8")
                || lang.toUpperCase(java.util.Locale.ROOT).contains("UTF8");
        return new ProgressBarBuilder()
                .setTaskName(task)
                .setStyle(unicode ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .setConsumer(new ConsoleProgressBarConsumer(ctx.err(), width(ctx)));
    }

    private static int width(CliContext ctx) {
        try {
            return Math.max(40, Integer.parseInt(ctx.env().getOrDefault("COLUMNS", "")));
        } catch (NumberFormatException e) {
            return DEFAULT_WIDTH;
        }
    }

    /** What an earlier run moved is taken off the total: the bar, rate and ETA are this run's. */
    @Override
    public void started(String name, long totalBytes, long resumedBytes) {
        if (bar != null && resumedBytes > 0) {
            synchronized (bar) {
                bar.maxHint(Math.max(1, bar.getMax() - resumedBytes));
            }
        }
    }

    @Override
    public void transferred(long bytes) {
        if (bar != null) {
            bar.stepBy(bytes);
        }
    }

    @Override
    public void retrying(String what, int attempt, Exception cause) {
        retries.incrementAndGet();
        message();
    }

    @Override
    public void finished(String name) {
        done.incrementAndGet();
        message();
    }

    /** A file that failed or was skipped still counts toward "files done". */
    public void skipped() {
        done.incrementAndGet();
        message();
    }

    private void message() {
        if (bar != null) {
            int r = retries.get();
            bar.setExtraMessage(" " + done.get() + "/" + files + " files" + (r > 0 ? ", " + r + " retries" : ""));
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
