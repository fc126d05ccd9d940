package org.seqvault.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real SeqVault server jar as its own JVM on a loopback port the OS picks, as a user runs it
 * (`seqvault serve`), with rate limiting off so the load is not refused (unless the caller passes
 * its own --rate-limit). Output goes to a log file.
 */
final class ServerProcess implements AutoCloseable {
    static final String ADMIN_TOKEN = "svt_bench-admin-token-0123456789abcdefghijklmnop";
    /** Set explicitly: a server on PostgreSQL refuses to generate its own (replicas must share it). */
    private static final String SIGNING_KEY = "bench-signing-key-0123456789abcdef0123456789";
    private static final Pattern LISTENING = Pattern.compile("SeqVault listening on (\\S+)");

    private final Process process;
    final String url;
    final Path log;

    private ServerProcess(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /**
     * @param heap  -Xmx value, e.g. "1g"
     * @param extra more `serve` arguments, e.g. --db-url
     */
    static ServerProcess start(Path jar, Path dataDir, Path logDir, String heap, List<String> jvmFlags,
                               String... extra) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(jvmFlags);
        // BENCH_SERVER_FLAGS: more JVM flags for every server (bench/FIXES.md §16 compared scheduler settings).
        String more = System.getenv("BENCH_SERVER_FLAGS");
        if (more != null && !more.isBlank()) {
            cmd.addAll(List.of(more.trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", jar.toString(), "serve", "--bind", "127.0.0.1", "--port", "0",
                "--data-dir", dataDir.toString(), "--signing-key", SIGNING_KEY));
        if (!List.of(extra).contains("--rate-limit")) {
            cmd.addAll(List.of("--rate-limit", "0"));
        }
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SEQVAULT_"));
        pb.environment().put("SEQVAULT_BOOTSTRAP_TOKEN", ADMIN_TOKEN);
        Files.createDirectories(logDir);
        Path log = logDir.resolve("server-" + System.nanoTime() + ".log");
        Process process = pb.start();
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, log, listening), "server-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new ServerProcess(process, listening.get(120, TimeUnit.SECONDS), log);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("server did not start; see " + log.toAbsolutePath(), e);
        }
    }

    private static void pump(Process process, Path log, CompletableFuture<String> listening) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
            // Not flushed per line: under wrk the access log is thousands of lines a second, and a
            // write per line here took CPU from the server being measured. Flushed when idle.
            for (String line; (line = in.readLine()) != null; ) {
                out.println(line);
                if (!in.ready()) {
                    out.flush();
                }
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

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Peak resident set size so far (VmHWM), in bytes. */
    long peakRssBytes() throws IOException {
        return ProcStatus.kib(pid(), "VmHWM") * 1024;
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
