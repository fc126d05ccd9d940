package org.seqvault.client.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.seqvault.client.IssuedToken;
import org.seqvault.client.SeqVault;
import org.seqvault.testkit.ServerLauncher;

/**
 * The real server as a separate JVM ({@code seqvault serve --port 0}), so the SDK and the CLI
 * are tested against exactly what users run, over loopback. Rate limiting is off unless a test
 * asks for it. Started by {@link ServerLauncher}.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_TOKEN = "svt_client-test-admin-token-0123456789abcdefghij";

    private final Process process;
    private final String url;

    private TestServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts a server on a fresh data directory with the given extra {@code serve} arguments. */
    public static TestServer start(Path dataDir, String... args) throws IOException {
        List<String> serve = new ArrayList<>(List.of("serve", "--port", "0", "--data-dir", dataDir.toString()));
        if (!List.of(args).contains("--rate-limit")) {
            serve.addAll(List.of("--rate-limit", "0"));
        }
        serve.addAll(List.of(args));
        ProcessBuilder pb = ServerLauncher.serverOnClassPath("256m", serve);
        pb.environment().put("SEQVAULT_BOOTSTRAP_TOKEN", ADMIN_TOKEN);
        ServerLauncher.Started started = ServerLauncher.start(pb, Duration.ofSeconds(60));
        return new TestServer(started.process(), started.url());
    }

    /** @return the URL the server listens on, e.g. http://127.0.0.1:41234 */
    public String url() {
        return url;
    }

    /** @return the port the server listens on */
    public int port() {
        return java.net.URI.create(url).getPort();
    }

    /** Creates a user and returns a token with the files, projects and tokens scopes for it. */
    public String userToken(String username) {
        try (SeqVault admin = SeqVault.connect(url, ADMIN_TOKEN)) {
            admin.admin().createUser(username, null, null, null);
            IssuedToken t = admin.admin().createToken(username, List.of("files", "projects", "tokens"), null, "test");
            return t.token();
        }
    }

    /** SIGTERM, as an operator would stop it; forcibly after 40 s. */
    @Override
    public void close() {
        try {
            ServerLauncher.stop(process, Duration.ofSeconds(40));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
