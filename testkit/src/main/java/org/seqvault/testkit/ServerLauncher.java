package org.seqvault.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the real server ({@code seqvault serve}) as a separate process and waits until it
 * listens, copying its output to a log under target/server-logs for post-mortems. The one
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

    /** Starts {@code command} and waits up to {@code timeout} for the line that says it listens. */
    public static Started start(ProcessBuilder command, Duration timeout) throws IOException {
        Path log = Files.createDirectories(Path.of("target", "server-logs"))
                .resolve("server-" + System.nanoTime() + ".log");
        Process process = command.redirectErrorStream(true).start();
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, log, listening), "server-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new Started(process, listening.get(timeout.toSeconds(), TimeUnit.SECONDS), log);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the server did not start; see " + log.toAbsolutePath(), e);
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

    private static void pump(Process process, Path log, CompletableFuture<String> listening) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            for (String line; (line = in.readLine()) != null; ) {
                out.println(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    listening.complete(m.group(1));
                }
            }
            listening.completeExceptionally(new IOException("the server exited with " + process.waitFor()));
        } catch (IOException | InterruptedException e) {
            listening.completeExceptionally(e);
        }
    }
}
