package org.seqvault.reliability.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.reliability.support.Accounts.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqvault.reliability.backend.Backend;
import org.seqvault.reliability.support.Accounts;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.Results;
import org.seqvault.reliability.support.ServerProcess;
import org.seqvault.reliability.support.Sha256;

/**
 * Loopback load: hundreds of concurrent connections (-Dreliability.loadConnections) making
 * mixed calls — listings in both APIs, file lookups, downloads checked by SHA-256, small
 * uploads, metadata changes, health — for a fixed time (-Dreliability.loadSeconds) against the
 * real server process, with rate limiting on. Every call must succeed.
 */
class LoadTest {
    private static final int USERS = 10;
    private static final int FILES_PER_USER = 5;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.seqvault.reliability.backend.Backends#selected")
    void mixedCallsWithoutAnError(Backend backend, @TempDir Path tmp) throws Exception {
        int connections = Integer.getInteger("reliability.loadConnections", 200);
        int seconds = Integer.getInteger("reliability.loadSeconds", 5);
        try (ServerProcess server = ServerProcess.start(backend.freshStore(Files.createDirectories(tmp.resolve("d"))),
                "--rate-limit", System.getProperty("reliability.loadRateLimit", "1000000"), "--max-form-upload", "1MiB")) {
            Http admin = new Http(server.url());
            List<Tenant> tenants = new ArrayList<>();
            for (int u = 0; u < USERS; u++) {
                tenants.add(Tenant.create(admin, "load" + u));
            }
            // Redirects followed: on S3 a download URL is checked by the server, then redirected to S3.
            HttpClient shared = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
            Http http = new Http(server.url(), shared);
            Tally tally = new Tally();
            long deadline = System.nanoTime() + seconds * 1_000_000_000L;
            long started = System.nanoTime();
            try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
                List<Future<?>> running = new ArrayList<>();
                for (int c = 0; c < connections; c++) {
                    Tenant tenant = tenants.get(c % USERS);
                    SplittableRandom random = new SplittableRandom(c);
                    running.add(clients.submit(() -> {
                        while (System.nanoTime() < deadline) {
                            tally.time(() -> call(http, tenant, random));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : running) {
                    f.get();
                }
            }
            double elapsed = (System.nanoTime() - started) / 1e9;
            expect(admin.get("/healthz", null), 200);

            new Results("load-" + backend.name())
                    .put("concurrent_connections", connections)
                    .put("seconds", String.format("%.1f", elapsed))
                    .put("calls", tally.calls.sum())
                    .put("calls_per_second", String.format("%.0f", tally.calls.sum() / elapsed))
                    .put("errors", tally.errors.size())
                    .put("latency_p50_ms", tally.percentile(50))
                    .put("latency_p99_ms", tally.percentile(99))
                    .put("latency_max_ms", tally.percentile(100))
                    .put("calls_by_kind", new java.util.TreeMap<>(tally.byKind))
                    .write();
            assertThat(tally.errors).as("failed calls under load").isEmpty();
            assertThat(tally.calls.sum()).as("calls made").isGreaterThan(connections);
        }
    }

    /** One call chosen at random; returns its kind. Throws, naming the kind, when the answer is not the expected one. */
    private static String call(Http http, Tenant t, SplittableRandom random) throws Exception {
        String kind = kindOf(random.nextInt(100));
        try {
            call(kind, http, t, random);
            return kind;
        } catch (Exception | AssertionError e) {
            throw new Exception(kind + ": " + e, e);
        }
    }

    /** The mix: a fifth each lists in either API, 15 % look up, download or change metadata, 10 % upload. */
    private static String kindOf(int dice) {
        if (dice < 20) {
            return "v1 list";
        } else if (dice < 40) {
            return "v2 list";
        } else if (dice < 55) {
            return "v2 get";
        } else if (dice < 70) {
            return "download";
        } else if (dice < 80) {
            return "upload";
        } else if (dice < 95) {
            return "metadata";
        }
        return "health";
    }

    private static void call(String kind, Http http, Tenant t, SplittableRandom random) throws Exception {
        JsonNode file = t.files.get(random.nextInt(t.files.size()));
        switch (kind) {
            case "v1 list" -> expect(http.get("/v1/files?workspace_id=" + t.workspaceId + "&limit=50", t.token), 200);
            case "v2 list" -> expect(http.get("/v2/files?project=" + t.projectId + "&limit=50", t.token), 200);
            case "v2 get" -> expect(http.get("/v2/files/" + file.get("file_id").asText(), t.token), 200);
            case "download" -> {
                String url = expect(http.get("/v2/files/" + file.get("file_id").asText() + "/download_info", t.token), 200)
                        .get("url").asText();
                Http.Answer bytes = expect200(http.send(http.request(url).GET().build()));
                if (!Sha256.of(bytes.bytes()).equals(file.get("sha256").asText())) {
                    throw new AssertionError("download of " + file.get("key").asText() + " has other bytes");
                }
            }
            case "upload" -> {
                byte[] content = new byte[4096];
                random.nextBytes(content);
                expect(http.form("/v1/files/upload", t.token, List.<String[]>of(new String[] {"workspace_id", t.workspaceId},
                        new String[] {"path", "incoming/"}), "u" + random.nextLong() + ".bin", content), 201);
            }
            case "metadata" -> expect(http.call("PATCH", "/v2/files/" + file.get("file_id").asText() + "/metadata", t.token,
                    Map.of("run", Integer.toString(random.nextInt(1000)))), 200);
            default -> expect(http.get("/healthz", null), 200);
        }
    }

    private static Http.Answer expect200(Http.Answer a) {
        if (a.status() != 200) {
            throw new AssertionError("expected 200 but got " + a.status() + ": " + a.text());
        }
        return a;
    }

    /** A user with a token, a workspace and a few files. */
    private record Tenant(String token, String workspaceId, String projectId, List<JsonNode> files) {
        static Tenant create(Http http, String username) throws Exception {
            Accounts accounts = new Accounts(http, ServerProcess.ADMIN_TOKEN);
            String token = accounts.userWithToken(username, "files", "projects");
            JsonNode ws = accounts.workspace(token, username + " data");
            List<JsonNode> files = new ArrayList<>();
            for (int f = 0; f < FILES_PER_USER; f++) {
                byte[] content = new byte[1 << 16];
                Arrays.fill(content, (byte) (f + 1));
                files.add(expect(http.form("/v1/files/upload", token, List.<String[]>of(new String[] {"workspace_id",
                        ws.get("workspace_id").asText()}), "seed-" + f + ".bin", content), 201));
            }
            return new Tenant(token, ws.get("workspace_id").asText(), ws.get("project").asText(), files);
        }
    }

    /** Calls, failures and latencies, from every client thread. */
    private static final class Tally {
        final LongAdder calls = new LongAdder();
        final List<String> errors = Collections.synchronizedList(new ArrayList<>());
        final List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        final Map<String, Long> byKind = new ConcurrentHashMap<>();

        interface Call {
            String run() throws Exception;
        }

        void time(Call call) {
            long t = System.nanoTime();
            try {
                byKind.merge(call.run(), 1L, Long::sum);
            } catch (Exception | AssertionError e) {
                errors.add(e.toString());
            }
            millis.add((System.nanoTime() - t) / 1_000_000);
            calls.increment();
        }

        long percentile(int p) {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            if (sorted.isEmpty()) {
                return 0;
            }
            int at = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, Math.min(at, sorted.size() - 1)));
        }
    }
}
