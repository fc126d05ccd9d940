package org.seqvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqvault.client.JobProgress;

/** The progress of a job: a bar on a terminal, a line per change elsewhere, nothing when asked. */
class JobProgressDisplayTest {
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private CliContext context(boolean stderrTerminal) {
        return new CliContext(Map.of("COLUMNS", "120"), new ByteArrayInputStream(new byte[0]), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8), false, stderrTerminal);
    }

    private String shown() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutATerminalEachChangeIsOneLineOnceTheTotalIsKnown() {
        CliContext ctx = context(false);
        assertThat(JobProgressDisplay.Mode.of(ctx, false)).isEqualTo(JobProgressDisplay.Mode.LINES);
        try (JobProgressDisplay d = JobProgressDisplay.open(ctx, "copy", JobProgressDisplay.Mode.LINES)) {
            d.accept(new JobProgress(0, 0, 0));
            d.accept(new JobProgress(40, 0, 0));
            d.accept(new JobProgress(40, 0, 0));
            d.accept(new JobProgress(40, 12, 0));
            d.accept(new JobProgress(40, 38, 2));
        }
        assertThat(shown()).isEqualTo("copy: 0/40 files and folders\ncopy: 12/40 files and folders\n"
                + "copy: 40/40 files and folders, 2 failed\n");
    }

    @Test
    void onATerminalABarCountsTheFilesAndNoProgressShowsNothing() {
        CliContext terminal = context(true);
        assertThat(JobProgressDisplay.Mode.of(terminal, false)).isEqualTo(JobProgressDisplay.Mode.BAR);
        try (JobProgressDisplay d = JobProgressDisplay.open(terminal, "move", JobProgressDisplay.Mode.of(terminal,
                false))) {
            d.accept(new JobProgress(0, 0, 0));
            d.accept(new JobProgress(6, 6, 0));
        }
        assertThat(shown()).contains("move").contains("6/6 files and folders").doesNotContain("move: ");

        err.reset();
        assertThat(JobProgressDisplay.Mode.of(terminal, true)).isEqualTo(JobProgressDisplay.Mode.NONE);
        try (JobProgressDisplay d = JobProgressDisplay.open(terminal, "delete", JobProgressDisplay.Mode.NONE)) {
            d.accept(new JobProgress(6, 6, 0));
        }
        assertThat(shown()).isEmpty();
    }
}
