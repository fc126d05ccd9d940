package org.seqvault.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server as a separate JVM (`seqvault serve`) on a loopback port chosen by the OS,
 * with a small heap, so tests see exactly what a user runs. Its output goes to a log file
 * under target/ for post-mortems.
 */
final class ServerProcess implements AutoCloseable {
    static final String ADMIN_TOKEN = "svt_e2e-admin-token-0123456789abcdefghijklmnopq";
    private static final Pattern LISTENING = Pattern.compile("SeqVault listening on (\\S+)");

    final Process process;
    final String url;
    final Path log;

    private ServerProcess(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /** Starts `serve --port 0` with the given extra arguments and waits until it listens. */
    static ServerProcess start(Path dataDir, String heap, Map<String, String> env, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.seqvault.server.Main", "serve", "--port", "0", "--data-dir", dataDir.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SEQVAULT_"));
        pb.environment().put("SEQVAULT_BOOTSTRAP_TOKEN", ADMIN_TOKEN);
        pb.environment().putAll(env);
        Path log = Files.createDirectories(Path.of("target", "server-logs"))
                .resolve("server-" + System.nanoTime() + ".log");
        Process process = pb.start();
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, log, listening), "server-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new ServerProcess(process, listening.get(60, TimeUnit.SECONDS), log);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("server did not start; see " + log.toAbsolutePath(), e);
        }
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
            listening.completeExceptionally(new IOException("server exited with " + process.waitFor()));
        } catch (IOException | InterruptedException e) {
            listening.completeExceptionally(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, as an operator would; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
