package org.seqvault.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the real server ({@code seqvault serve}) as a separate process and waits until it
 * listens, its output going to a log under target/server-logs for post-mortems. The one
 * launcher behind every test module's server handle, so they differ only in what they expose.
 */
public final class ServerLauncher {
    private static final Pattern LISTENING = Pattern.compile("^SeqVault listening on (\\S+)");

    private ServerLauncher() {
    }

    /** A started server: its process, the URL it announced, and where its output goes. */
    public record Started(Process process, String url, Path log) {
    }

    /**
     * {@code java -Xmx<heap> … org.seqvault.server.Main <args>} on this JVM's class path (which
     * holds the server when the calling module depends on it), with no {@code SEQVAULT_*}
     * variable inherited from the caller's environment.
     */
    public static ProcessBuilder serverOnClassPath(String heap, List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.seqvault.server.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("SEQVAULT_"));
        return pb;
    }

    /**
     * Starts {@code command} with its output (stdout and stderr) going straight into the log file,
     * and waits up to {@code timeout} for the line that says it listens. The file, not a pipe: a pipe
     * read by a thread of ours could lose the last lines a stopping server writes.
     */
    public static Started start(ProcessBuilder command, Duration timeout) throws IOException {
        Path log = Files.createDirectories(Path.of("target", "server-logs"))
                .resolve("server-" + System.nanoTime() + ".log");
        Process process = command.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            return new Started(process, awaitListening(process, log, timeout), log);
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw new IOException("the server did not start; see " + log.toAbsolutePath(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the server started", e);
        }
    }

    /** Looks at the log every 20 ms until it holds the listening line, the server exits, or time runs out. */
    private static String awaitListening(Process process, Path log, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
                for (String line; (line = in.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return m.group(1);
                    }
                }
            }
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue());
            }
            if (System.nanoTime() > deadline) {
                throw new IOException("the server did not listen within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
    }

    /** SIGTERM, as an operator would; SIGKILL after {@code grace}. Returns the exit code. */
    public static int stop(Process process, Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }
}
