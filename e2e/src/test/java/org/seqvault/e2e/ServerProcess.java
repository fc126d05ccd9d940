package org.seqvault.e2e;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seqvault.testkit.ServerLauncher;

/**
 * The real server as a separate JVM (`seqvault serve`) on a loopback port chosen by the OS,
 * with a small heap, so tests see exactly what a user runs (see {@link ServerLauncher}).
 */
final class ServerProcess implements AutoCloseable {
    static final String ADMIN_TOKEN = "svt_e2e-admin-token-0123456789abcdefghijklmnopq";

    final Process process;
    final String url;
    final Path log;

    private ServerProcess(ServerLauncher.Started started) {
        this.process = started.process();
        this.url = started.url();
        this.log = started.log();
    }

    /** Starts `serve --port 0` with the given extra arguments and waits until it listens. */
    static ServerProcess start(Path dataDir, String heap, Map<String, String> env, String... args) throws IOException {
        List<String> serve = new ArrayList<>(List.of("serve", "--port", "0", "--data-dir", dataDir.toString()));
        serve.addAll(List.of(args));
        ProcessBuilder pb = ServerLauncher.serverOnClassPath(heap, serve);
        pb.environment().put("SEQVAULT_BOOTSTRAP_TOKEN", ADMIN_TOKEN);
        pb.environment().putAll(env);
        return new ServerProcess(ServerLauncher.start(pb, Duration.ofSeconds(60)));
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGTERM, as an operator would; returns the exit code. */
    int stop() throws InterruptedException {
        return ServerLauncher.stop(process, Duration.ofSeconds(40));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            stop();
        }
    }
}
