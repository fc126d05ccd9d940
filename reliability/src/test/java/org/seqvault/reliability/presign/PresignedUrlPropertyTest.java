package org.seqvault.reliability.presign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.reliability.support.Accounts.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqvault.reliability.backend.Backend;
import org.seqvault.reliability.support.Accounts;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.InProcessServer;
import org.seqvault.reliability.support.Results;
import org.seqvault.reliability.support.ServerProcess;

/**
 * Presigned URLs as an attacker holding some of them sees them. For many genuine download and
 * part-upload URLs, every mutation of one component (path, object, part, name, method, expiry,
 * signature, key id, or a component taken from another genuine URL) must fail, and a download
 * must never return bytes. Afterwards every upload still completes with exactly the bytes its
 * genuine URLs carried, so no mutant reached another object or part. An expired URL fails.
 * {@code -Dreliability.presignUrls} sets how many URLs are mutated.
 */
class PresignedUrlPropertyTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.seqvault.reliability.backend.Backends#selected")
    void noMutationOfAPresignedUrlSucceeds(Backend backend, @TempDir Path data) throws Exception {
        int wanted = Integer.getInteger("reliability.presignUrls", 40);
        long seed = Long.getLong("reliability.seed", System.nanoTime());
        SplittableRandom random = new SplittableRandom(seed);
        int part = (int) Math.max(UrlPool.SMALL_PART, backend.smallestPart());
        try (InProcessServer server = InProcessServer.start(backend, data, Map.of("SEQVAULT_RATE_LIMIT", "0",
                "SEQVAULT_SINGLE_PUT_LIMIT", Integer.toString(part)))) {
            Http http = server.http();
            String token = new Accounts(http, ServerProcess.ADMIN_TOKEN).userWithToken("holder", "files", "projects");
            JsonNode ws = new Accounts(http, ServerProcess.ADMIN_TOKEN).workspace(token, "presign");
            UrlPool pool = new UrlPool(http, token, ws.get("workspace_id").asText(), ws.get("project").asText(), random,
                    part);
            pool.fill(wanted);

            long tried = 0;
            List<String> succeeded = new ArrayList<>();
            List<String> unanswered = new ArrayList<>();
            String previous = "nothing";
            for (int i = 0; i < pool.urls.size(); i++) {
                UrlPool.Issued genuine = pool.urls.get(i);
                UrlPool.Issued sibling = pool.siblingOf(i);
                String what = "the genuine URL " + genuine.url().method() + " " + genuine.url().render() + " (after "
                        + previous + ")";
                try {
                    assertThat(pool.use(genuine, genuine.url())).as(what).isTrue();
                } catch (java.io.IOException e) {
                    throw new AssertionError(what + " got no answer", e);
                }
                for (Mutant mutant : Mutations.of(genuine.url(), sibling.url(), random)) {
                    tried++;
                    previous = mutant.what() + ": " + mutant.url().method() + " " + mutant.url().render();
                    try {
                        if (pool.use(genuine, mutant.url())) {
                            succeeded.add(previous);
                        }
                    } catch (java.io.IOException e) {
                        unanswered.add(previous + " " + e);
                    }
                }
            }
            List<String> wrongBytes = pool.completeAndVerify();

            new Results("presign-" + backend.name())
                    .put("seed", seed)
                    .put("genuine_urls", pool.urls.size())
                    .put("mutated_urls_tried", tried)
                    .put("mutated_urls_that_worked", succeeded.size())
                    .put("uploads_with_foreign_bytes", wrongBytes.size())
                    .write();
            assertThat(succeeded).as("mutated URLs that were honoured").isEmpty();
            assertThat(unanswered).as("mutated URLs that got no answer at all").isEmpty();
            assertThat(wrongBytes).as("uploads whose parts a mutated URL changed").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.seqvault.reliability.backend.Backends#selected")
    void anExpiredUrlFails(Backend backend, @TempDir Path data) throws Exception {
        try (InProcessServer server = InProcessServer.start(backend, data, Map.of("SEQVAULT_RATE_LIMIT", "0",
                "SEQVAULT_PRESIGN_TTL", "5"))) {
            Http http = server.http();
            Accounts accounts = new Accounts(http, ServerProcess.ADMIN_TOKEN);
            String token = accounts.userWithToken("holder", "files", "projects");
            String workspace = accounts.workspace(token, "expiry").get("workspace_id").asText();
            byte[] bytes = "expiring".getBytes(StandardCharsets.UTF_8);
            expect(http.form("/v1/files/upload", token, List.<String[]>of(new String[] {"workspace_id", workspace}),
                    "x.txt", bytes), 201);
            String download = expect(http.get("/v1/files/download?workspace_id=" + workspace + "&key=x.txt", token), 200)
                    .get("url").asText();
            String put = expect(http.call("POST", "/v1/files/upload-url", token, Map.of("filename", "y.txt",
                    "workspace_id", workspace, "size", 3)), 201).get("uploadUrl").asText();
            assertThat(http.send(http.request(download).GET().build()).bytes()).isEqualTo(bytes);

            long exp = Math.max(Expiry.of(download), Expiry.of(put));
            while (System.currentTimeMillis() / 1000 < exp) {
                Thread.sleep(200);
            }
            Http.Answer late = http.send(http.request(download).GET().build());
            assertThat(late.status()).as(late.text()).isEqualTo(403);
            assertThat(late.text()).contains("expired");
            Http.Answer latePut = http.send(http.request(put).PUT(BodyPublishers.ofByteArray(new byte[3])).build());
            assertThat(latePut.status()).as(latePut.text()).isEqualTo(403);
        }
    }

}
