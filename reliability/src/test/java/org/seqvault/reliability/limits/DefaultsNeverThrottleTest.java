package org.seqvault.reliability.limits;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqvault.reliability.backend.Backend;
import org.seqvault.reliability.support.Accounts;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.ServerProcess;

/**
 * The server with its default settings (nothing but where its data lives) must never throttle one
 * user's bulk work: one token makes well over 2,000 requests in a few seconds — v1 form uploads, v2
 * multipart uploads (open, part URL, part report, complete), v1 and v2 listings, download links and
 * the downloads themselves — and not one is answered 429. What is counted is the answers, never the
 * time: every answer must be the success its call expects.
 */
class DefaultsNeverThrottleTest {
    private static final int ROUNDS = 300;
    private static final int THREADS = 8;
    /** Token-bearing requests per round: form, 4 multipart calls, 2 listings, a download link. */
    private static final int TOKEN_REQUESTS_PER_ROUND = 8;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.seqvault.reliability.backend.Backends#selected")
    void oneTokensBulkWorkMeetsNo429(Backend backend, @TempDir Path tmp) throws Exception {
        try (ServerProcess server = ServerProcess.start(backend.freshStore(Files.createDirectories(tmp.resolve("d"))))) {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();
            Http http = new Http(server.url(), client);
            Accounts accounts = new Accounts(http, ServerProcess.ADMIN_TOKEN);
            String token = accounts.userWithToken("bulk", "files", "projects");
            JsonNode project = Accounts.expect(http.call("POST", "/v2/projects", token, Map.of("name", "bulk")), 201);
            Bulk bulk = new Bulk(http, token, project.get("workspace_id").asText(), project.get("root_folder").asText());

            long started = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
                List<Future<?>> rounds = new ArrayList<>();
                for (int i = 0; i < ROUNDS; i++) {
                    int round = i;
                    rounds.add(pool.submit(() -> {
                        bulk.round(round);
                        return null;
                    }));
                }
                for (Future<?> f : rounds) {
                    f.get();
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf("defaults: %d requests with one token (%d more to presigned URLs) in %.1f s, %d answered"
                    + " 429%n", bulk.tokenRequests.get(), bulk.urlRequests.get(), seconds, bulk.statuses.getOrDefault(429,
                    new AtomicInteger()).get());

            assertThat(bulk.tokenRequests.get()).isGreaterThanOrEqualTo(2_000);
            assertThat(bulk.statuses.getOrDefault(429, new AtomicInteger()).get()).as("answers 429").isZero();
            assertThat(bulk.unexpected).as("answers other than the call's success").isEmpty();
            Http.Answer quota = http.get("/v2/rate_limit", token);
            assertThat(quota.json().at("/rate/limit").asLong()).as("GET /v2/rate_limit: no limit").isEqualTo(-1);
        }
    }

    /** One user's mixed bulk work, counting every answer by status. */
    private static final class Bulk {
        private final Http http;
        private final String token;
        private final String workspace;
        private final String folder;
        final AtomicInteger tokenRequests = new AtomicInteger();
        final AtomicInteger urlRequests = new AtomicInteger();
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());

        Bulk(Http http, String token, String workspace, String folder) {
            this.http = http;
            this.token = token;
            this.workspace = workspace;
            this.folder = folder;
        }

        void round(int n) throws Exception {
            byte[] bytes = ("round " + n + "\n").getBytes(StandardCharsets.UTF_8);
            counted(http.form("/v1/files/upload", token, List.of(new String[] {"workspace_id", workspace},
                    new String[] {"path", "form/"}), "f" + n + ".txt", bytes), 201, "form upload");

            JsonNode upload = counted(http.call("POST", "/v2/upload/multipart", token, Map.of("name", "m" + n + ".txt",
                    "size", bytes.length, "parent", folder)), 200, "multipart init");
            String id = upload.get("upload_id").asText();
            JsonNode url = counted(http.get("/v2/upload/multipart/" + id + "/part/1", token), 200, "part url");
            Http.Answer put = http.put(url.get("url").asText(), bytes);
            urlRequests.incrementAndGet();
            expect(put, 200, "part PUT");
            counted(http.call("POST", "/v2/upload/multipart/" + id + "/part/", token, Map.of("part_number", 1,
                    "response", Map.of("headers", Map.of("ETag", put.header("ETag"))))), 204, "part report");
            counted(http.call("POST", "/v2/upload/multipart/" + id + "/complete", token, "null"), 200, "complete");

            counted(http.get("/v1/files?workspace_id=" + workspace + "&prefix=form/&limit=100", token), 200, "v1 list");
            counted(http.get("/v2/files?parent=" + folder + "&limit=100", token), 200, "v2 list");
            JsonNode link = counted(http.get("/v1/files/download?workspace_id=" + workspace + "&key="
                    + URLEncoder.encode("form/f" + n + ".txt", StandardCharsets.UTF_8), token), 200, "download link");
            Http.Answer download = http.send(http.request(link.get("url").asText()).GET().build());
            urlRequests.incrementAndGet();
            expect(download, 200, "download");
            assertThat(download.bytes()).isEqualTo(bytes);
        }

        /** A call with the token: its JSON answer. */
        private JsonNode counted(Http.Answer a, int status, String call) {
            tokenRequests.incrementAndGet();
            expect(a, status, call);
            return a.status() == 204 ? null : a.json();
        }

        private void expect(Http.Answer a, int status, String call) {
            statuses.computeIfAbsent(a.status(), s -> new AtomicInteger()).incrementAndGet();
            if (a.status() != status) {
                unexpected.add(call + ": " + a.status() + " " + a.text());
                throw new IllegalStateException(call + " answered " + a.status() + ": " + a.text());
            }
        }
    }
}
