package org.seqvault.reliability.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a {@code seqvault} command (scrub, collect) in its own JVM, as an operator would from a shell. */
public final class Cli {
    private Cli() {
    }

    /** What a command printed (stdout and stderr together) and its exit code. */
    public record Result(int exitCode, String output) {
    }

    public static Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Process process = JavaCommand.seqvault("256m", env, List.of(args), true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException("seqvault " + String.join(" ", args) + " did not finish within 5 minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
