package org.seqvault.client.testing;

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
import org.seqvault.client.IssuedToken;
import org.seqvault.client.SeqVault;

/**
 * The real server as a separate JVM ({@code seqvault serve --port 0}), so the SDK and the CLI
 * are tested against exactly what users run, over loopback. Rate limiting is off unless a test
 * asks for it. Output goes to target/server-logs for post-mortems.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_TOKEN = "svt_client-test-admin-token-0123456789abcdefghij";
    private static final Pattern LISTENING = Pattern.compile("SeqVault listening on (\\S+)");

    private final Process process;
    private final String url;

    private TestServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Starts a server on a fresh data directory with the given extra {@code serve} arguments. */
    public static TestServer start(Path dataDir, String... args) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "org.seqvault.server.Main", "serve", "--port", "0", "--data-dir", dataDir.toString()));
        if (!List.of(args).contains("--rate-limit")) {
            cmd.addAll(List.of("--rate-limit", "0"));
        }
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SEQVAULT_"));
        pb.environment().put("SEQVAULT_BOOTSTRAP_TOKEN", ADMIN_TOKEN);
        Path log = Files.createDirectories(Path.of("target", "server-logs")).resolve("server-" + System.nanoTime() + ".log");
        Process process = pb.start();
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(process, log, listening), "server-output");
        pump.setDaemon(true);
        pump.start();
        try {
            return new TestServer(process, listening.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("the server did not start; see " + log.toAbsolutePath(), e);
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
            listening.completeExceptionally(new IOException("the server exited with " + process.waitFor()));
        } catch (IOException | InterruptedException e) {
            listening.completeExceptionally(e);
        }
    }

    /** @return the URL the server listens on, e.g. http://127.0.0.1:41234 */
    public String url() {
        return url;
    }

    /** @return the port the server listens on */
    public int port() {
        return java.net.URI.create(url).getPort();
    }

    /** Creates a user and returns a token with the files and projects scopes for it. */
    public String userToken(String username) {
        try (SeqVault admin = SeqVault.connect(url, ADMIN_TOKEN)) {
            admin.admin().createUser(username, null, null, null);
            IssuedToken t = admin.admin().createToken(username, List.of("files", "projects"), null, "test");
            return t.token();
        }
    }

    /** SIGTERM, as an operator would stop it; forcibly after 40 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(40, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
