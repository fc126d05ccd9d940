package org.seqvault.reliability.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server ({@code seqvault serve}) as a separate JVM on a loopback port, with the
 * settings of a backend. It can be stopped gracefully (SIGTERM), killed outright (SIGKILL) and
 * started again on the same data. Each run's output goes to a log under target/server-logs.
 */
public final class ServerProcess implements AutoCloseable {
    public static final String ADMIN_TOKEN = "svt_reliability-admin-token-0123456789abcdefghij";
    private static final long START_TIMEOUT_SECONDS = 300;
    private static final Pattern LISTENING = Pattern.compile("SeqVault listening on (\\S+)");

    private final Map<String, String> env;
    private final List<String> args;
    private Process process;
    private String url;
    private Path log;

    private ServerProcess(Map<String, String> env, List<String> args) {
        this.env = env;
        this.args = args;
    }

    /** Starts {@code serve --port 0} with the given settings and extra flags, and waits until it listens. */
    public static ServerProcess start(Map<String, String> settings, String... flags) throws IOException {
        Map<String, String> env = new HashMap<>(settings);
        env.put("SEQVAULT_BOOTSTRAP_TOKEN", ADMIN_TOKEN);
        List<String> args = new ArrayList<>(List.of("serve", "--port", "0"));
        args.addAll(List.of(flags));
        ServerProcess server = new ServerProcess(Map.copyOf(env), List.copyOf(args));
        server.launch();
        return server;
    }

    /** Starts the server again on the same data, after a stop or a kill. The port changes. */
    public void restart() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("the server is still running");
        }
        launch();
    }

    private void launch() throws IOException {
        log = Files.createDirectories(Path.of("target", "server-logs")).resolve("server-" + System.nanoTime() + ".log");
        process = JavaCommand.seqvault("256m", env, args, false).start();
        CompletableFuture<String> listening = new CompletableFuture<>();
        Process started = process;
        Path logFile = log;
        Thread pump = new Thread(() -> pump(started, logFile, listening), "server-output");
        pump.setDaemon(true);
        pump.start();
        try {
            // Generous: on a machine shared with other builds a JVM start has taken over 90 s.
            url = listening.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
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

    /** The base URL of the running server, e.g. http://127.0.0.1:41234. */
    public String url() {
        return url;
    }

    /** The settings the server runs with (for commands that must find the same data). */
    public Map<String, String> env() {
        return env;
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. Returns when the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGTERM, as an operator would; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(45, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
