package org.seqvault.reliability.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.reliability.support.Accounts.expect;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqvault.reliability.backend.Backend;
import org.seqvault.reliability.support.Accounts;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.Results;
import org.seqvault.reliability.support.ServerProcess;

/**
 * Slow clients: more stalled uploads than the server has threads (form uploads that send only
 * their headers, part PUTs that send one byte and stop, or on S3, whose parts bypass the server,
 * JSON bodies that never come) must not keep anyone else from being
 * served, and the server must close every one of them once the idle timeout (15 s here, long enough
 * for the other requests to finish first on a loaded machine) passes.
 */
class SlowClientTest {
    private static final int IDLE_SECONDS = 15;
    /** How long after the idle timeout a stalled connection may still take to be closed (a bound, not a measure). */
    private static final long CLOSE_GRACE_MILLIS = 30_000;
    private static final int STALLED_FORMS = 200;
    private static final int STALLED_PARTS = 200;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.seqvault.reliability.backend.Backends#selected")
    void stalledUploadsDoNotStarveOthersAndAreClosed(Backend backend, @TempDir Path tmp) throws Exception {
        try (ServerProcess server = ServerProcess.start(backend.freshStore(Files.createDirectories(tmp.resolve("d"))),
                "--idle-timeout", IDLE_SECONDS + "s", "--rate-limit", "0")) {
            Http http = new Http(server.url());
            Accounts accounts = new Accounts(http, ServerProcess.ADMIN_TOKEN);
            String token = accounts.userWithToken("patient", "files", "projects");
            String workspace = accounts.workspace(token, "slow").get("workspace_id").asText();
            URI part = URI.create(expect(http.call("POST", "/v1/files/upload-url", token, Map.of("filename", "slow.bin",
                    "workspace_id", workspace, "size", 1_000_000)), 201).get("uploadUrl").asText());
            URI base = URI.create(server.url());

            round(http, token, workspace, "warm-up");
            List<StalledClient> stalled = new ArrayList<>();
            for (int i = 0; i < STALLED_FORMS; i++) {
                stalled.add(StalledClient.open(base, "POST", "/v1/files/upload", "Authorization: Bearer " + token
                        + "\r\nContent-Type: multipart/form-data; boundary=never\r\n", 10_000_000, 0));
            }
            // Part PUTs reach the server only when it stores the bytes itself; S3's go to S3, so
            // there the other half stalls in JSON bodies the server is waiting to read.
            boolean partsThroughServer = part.toString().startsWith(server.url());
            for (int i = 0; i < STALLED_PARTS; i++) {
                stalled.add(partsThroughServer
                        ? StalledClient.open(base, "PUT", part.getRawPath() + "?" + part.getRawQuery(), "", 1_000_000, 1)
                        : StalledClient.open(base, "POST", "/v1/files/upload-url", "Authorization: Bearer " + token
                                + "\r\nContent-Type: application/json\r\n", 1_000, 0));
            }
            long opened = System.nanoTime();

            // Others are served while every stalled upload still holds its connection.
            long slowest = 0;
            int served = 0;
            for (int i = 0; i < 10; i++) {
                slowest = Math.max(slowest, round(http, token, workspace, "fast-" + i));
                served += 3;
            }
            boolean stillStalled = !stalled.getLast().closedByServer(1);
            int closed = 0;
            for (StalledClient client : stalled) {
                long left = IDLE_SECONDS * 1000L + CLOSE_GRACE_MILLIS - (System.nanoTime() - opened) / 1_000_000;
                if (client.closedByServer((int) Math.max(left, 1))) {
                    closed++;
                }
                client.close();
            }
            long allClosedAfter = (System.nanoTime() - opened) / 1_000_000;
            expect(http.get("/healthz", null), 200);
            long published = expect(http.get("/v1/files?workspace_id=" + workspace, token), 200).get("files").size();

            new Results("slow-clients-" + backend.name())
                    .put("idle_timeout_seconds", IDLE_SECONDS)
                    .put("stalled_uploads", stalled.size())
                    .put("requests_served_meanwhile", served)
                    .put("slowest_of_those_ms", slowest)
                    .put("stalled_uploads_still_open_after_them", stillStalled)
                    .put("stalled_closed_by_server", closed)
                    .put("all_closed_within_ms", allClosedAfter)
                    .write();
            assertThat(stillStalled).as("the requests ran while the stalled uploads were still open").isTrue();
            // Starved requests would wait for the stalled uploads' idle timeout; these must not.
            assertThat(slowest).as("slowest round of requests meanwhile, ms").isLessThan(IDLE_SECONDS * 1000L);
            assertThat(closed).as("stalled connections the server closed").isEqualTo(stalled.size());
            assertThat(published).as("only the fast uploads were published").isEqualTo(11);
        }
    }

    /** Health, a listing and a small form upload; returns how long the three took, in ms. */
    private static long round(Http http, String token, String workspace, String name) throws Exception {
        long t = System.nanoTime();
        expect(http.get("/healthz", null), 200);
        expect(http.get("/v1/files?workspace_id=" + workspace, token), 200);
        expect(http.form("/v1/files/upload", token, List.<String[]>of(new String[] {"workspace_id", workspace}),
                name + ".txt", new byte[1024]), 201);
        return (System.nanoTime() - t) / 1_000_000;
    }
}
