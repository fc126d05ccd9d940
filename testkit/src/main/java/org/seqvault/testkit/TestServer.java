package org.seqvault.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real server as a separate JVM ({@code seqvault serve --port 0}), so the SDK and the CLI
 * are tested against exactly what users run, over loopback, with the default settings (per-token
 * rate limiting off among them) unless a test passes its own. Started by {@link ServerLauncher}. It talks plain HTTP, not the SDK, so the SDK's own
 * tests can use it without depending on themselves.
 */
public final class TestServer implements AutoCloseable {
    public static final String ADMIN_TOKEN = "svt_client-test-admin-token-0123456789abcdefghij";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final String url;

    private TestServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * Starts a server on a fresh data directory with the given extra {@code serve} arguments. Header
     * metadata extraction is off unless the arguments name {@code --extract-metadata}: it adds keys to
     * genomics-named files at a moment no test controls, so only the tests about it turn it on.
     */
    public static TestServer start(Path dataDir, String... args) throws IOException {
        List<String> serve = new ArrayList<>(List.of("serve", "--port", "0", "--data-dir", dataDir.toString()));
        serve.addAll(List.of(args));
        if (serve.stream().noneMatch(a -> a.startsWith("--extract-metadata"))) {
            serve.add("--extract-metadata=false");
        }
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
        adminPost("/admin/v1/users", Map.of("username", username));
        Map<?, ?> issued = adminPost("/admin/v1/tokens",
                Map.of("username", username, "scopes", List.of("files", "projects", "tokens"), "description", "test"));
        return (String) issued.get("token");
    }

    /** POSTs {@code body} as JSON with the admin token; the answer's JSON object, or an error for any non-2xx. */
    private Map<?, ?> adminPost(String path, Map<String, ?> body) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + path))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 != 2) {
                throw new IllegalStateException("POST " + path + " answered " + answer.statusCode() + ": " + answer.body());
            }
            return JSON.readValue(answer.body(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
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
