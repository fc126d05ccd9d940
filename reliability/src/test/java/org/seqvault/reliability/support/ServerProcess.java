package org.seqvault.reliability.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.testkit.ServerLauncher;

/**
 * The real server ({@code seqvault serve}) as a separate JVM on a loopback port, with the
 * settings of a backend. It can be stopped gracefully (SIGTERM), killed outright (SIGKILL) and
 * started again on the same data. Each run is started by {@link ServerLauncher}.
 */
public final class ServerProcess implements AutoCloseable {
    public static final String ADMIN_TOKEN = "svt_reliability-admin-token-0123456789abcdefghij";
    private static final long START_TIMEOUT_SECONDS = 300;

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
        // Generous: on a machine shared with other builds a JVM start has taken over 90 s.
        ServerLauncher.Started started = ServerLauncher.start(JavaCommand.seqvault("256m", env, args, false),
                Duration.ofSeconds(START_TIMEOUT_SECONDS));
        process = started.process();
        url = started.url();
        log = started.log();
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
        return ServerLauncher.stop(process, Duration.ofSeconds(45));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
