package org.seqvault.cli;

import java.util.function.Consumer;
import me.tongfei.progressbar.ProgressBar;
import org.seqvault.client.JobProgress;

/**
 * How far a copy, move or delete job has got, in files and folders done (failed ones included) of
 * the total (the server counts both), on stderr: a progress bar on a terminal, else a line each
 * time the count changes (for logs), or nothing with {@code --no-progress}.
 */
public final class JobProgressDisplay implements Consumer<JobProgress>, AutoCloseable {
    /** How progress is shown. */
    public enum Mode {
        BAR, LINES, NONE;

        /** A bar on a terminal, lines elsewhere, nothing when the user said so. */
        public static Mode of(CliContext ctx, boolean noProgress) {
            return noProgress ? NONE : ctx.stderrTerminal() ? BAR : LINES;
        }
    }

    private final CliContext ctx;
    private final String task;
    private final ProgressBar bar;
    private JobProgress shown;

    private JobProgressDisplay(CliContext ctx, String task, ProgressBar bar) {
        this.ctx = ctx;
        this.task = task;
        this.bar = bar;
    }

    /**
     * @param task what the job does, as the display names it ({@code copy}, {@code move}, {@code delete})
     */
    public static JobProgressDisplay open(CliContext ctx, String task, Mode mode) {
        if (mode == Mode.BAR) {
            // Indefinite (-1) until the server has counted the files.
            return new JobProgressDisplay(ctx, task, ProgressDisplay.onStderr(ctx, task).setInitialMax(-1)
                    .setUnit(" files and folders", 1).build());
        }
        return new JobProgressDisplay(ctx, mode == Mode.LINES ? task : null, null);
    }

    @Override
    public void accept(JobProgress p) {
        long done = Math.min(p.doneFiles(), p.totalFiles());
        if (bar != null) {
            if (p.totalFiles() > 0) {
                bar.maxHint(p.totalFiles());
                bar.stepTo(done);
            }
            bar.setExtraMessage(p.failedFiles() > 0 ? " " + p.failedFiles() + " failed" : "");
        } else if (task != null && p.totalFiles() > 0 && !p.equals(shown)) {
            ctx.err().println(task + ": " + done + "/" + p.totalFiles() + " files and folders"
                    + (p.failedFiles() > 0 ? ", " + p.failedFiles() + " failed" : ""));
        }
        shown = p;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
