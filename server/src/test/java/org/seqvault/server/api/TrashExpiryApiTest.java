package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.seqvault.server.ServerConfig;
import org.seqvault.service.gc.Collector;
import org.seqvault.service.port.Clock;

/**
 * When trashed bytes go: only once an item expires (or the trash is emptied) and the collector
 * passes, and never while another file still points to the same blob; with a retention of 0 a
 * delete is final at once, as before the trash. Each test has a server of its own on a clock it
 * moves, so the collector's counts are exactly its own files'.
 */
@OnEveryBackend
class TrashExpiryApiTest extends BackendSuite {
    private final AtomicReference<Duration> ahead = new AtomicReference<>(Duration.ZERO);
    private final Clock clock = () -> Instant.now().plus(ahead.get()).truncatedTo(ChronoUnit.MICROS);
    private ServerFixture fx;
    private SbHttp sb;
    private String token;
    private String project;
    private String workspace;

    private void start(UnaryOperator<ServerConfig> adjust) {
        fx = new ServerFixture(backend, clock, adjust);
        ApiScenario sc = new ApiScenario(fx.http);
        token = sc.user("keeper", "files", "projects");
        sb = new SbHttp(fx.http, token);
        JsonNode p = sc.project(token, "Lab", false);
        project = p.get("id").asText();
        workspace = p.get("workspace_id").asText();
    }

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void bytesGoWhenTheirItemExpiresExceptWhileACopyStillUsesThem() throws Exception {
        start(UnaryOperator.identity());
        String alone = upload("alone.bam", "bytes of their own");
        String shared = upload("shared.bam", "bytes a copy shares");
        String copy = ok(sb.post("/files/" + shared + "/actions/copy", Map.of("project", project, "name", "copy.bam")),
                200).get("id").asText();
        String restoredLater = upload("later.bam", "bytes that come back");
        for (String id : List.of(alone, shared, restoredLater)) {
            assertThat(sb.delete("/files/" + id).status()).isEqualTo(204);
        }

        Collector.Report inRetention = collectAt(Duration.ofDays(13));
        assertThat(inRetention.expiredTrash()).isZero();
        assertThat(inRetention.deletedBlobs()).as("trashed files keep their bytes").isZero();
        ok(sb.post("/projects/" + project + "/trash/" + restoredLater + "/restore", Map.of()), 200);
        assertThat(download(restoredLater)).isEqualTo("bytes that come back");

        Collector.Report expired = collectAt(Duration.ofDays(14).plusMinutes(1));

        assertThat(expired.expiredTrash()).isEqualTo(2);
        assertThat(expired.deletedBlobs()).as("only the blob no file points to any more").isEqualTo(1);
        assertThat(ok(sb.get("/projects/" + project + "/trash"), 200).get("items")).isEmpty();
        assertThat(download(copy)).isEqualTo("bytes a copy shares");
        assertThat(collectAt(Duration.ZERO).deletedBlobs()).as("nothing left to reclaim").isZero();

        assertThat(sb.delete("/files/" + copy).status()).isEqualTo(204);
        assertThat(ok(sb.delete("/projects/" + project + "/trash"), 200).get("items").asInt()).isEqualTo(1);
        Collector.Report emptied = collectAt(Duration.ZERO);
        assertThat(emptied.expiredTrash()).isEqualTo(1);
        assertThat(emptied.deletedBlobs()).as("the shared bytes, once their last file left").isEqualTo(1);
    }

    @Test
    void aTrashedFolderIsPurgedInBatchesWithAllItsFiles() throws Exception {
        start(UnaryOperator.identity());
        int files = 600; // with its 4 folders, more than one of the collector's batches of 500 nodes (and of blobs)
        // The first file of each folder makes it; the others are uploaded 8 at a time (only to save time).
        IntConsumer upload = i -> assertThat(new ApiScenario(fx.http).upload(token, workspace, "big/d" + (i % 3) + "/",
                "f" + i, new byte[] {(byte) i}).status()).isEqualTo(201);
        IntStream.range(0, 3).forEach(upload);
        try (ExecutorService eight = Executors.newFixedThreadPool(8)) {
            List<Future<?>> uploads = IntStream.range(3, files)
                    .<Future<?>>mapToObj(i -> eight.submit(() -> upload.accept(i))).toList();
            for (Future<?> u : uploads) {
                u.get();
            }
        }
        String big = ok(sb.get("/files?project=" + project + "&name=big"), 200).at("/items/0/id").asText();
        assertThat(sb.delete("/files/" + big + "?recursive=true").status()).isEqualTo(204);
        JsonNode item = ok(sb.get("/projects/" + project + "/trash"), 200).at("/items/0");
        assertThat(item.get("files").asLong()).isEqualTo(files);

        Collector.Report expired = collectAt(Duration.ofDays(15));

        assertThat(expired.expiredTrash()).isEqualTo(1);
        assertThat(expired.deletedBlobs()).isEqualTo(files);
        assertThat(ok(sb.get("/projects/" + project + "/trash"), 200).get("items")).isEmpty();
    }

    @Test
    void withARetentionOfZeroADeleteIsFinalAtOnce() throws Exception {
        start(cfg -> cfg.withTrashRetention(Duration.ZERO));
        String file = upload("gone.bam", "gone at once");
        String inFolder = new ApiScenario(fx.http).upload(token, workspace, "dir/sub/", "x.txt", new byte[] {1}).json()
                .get("file_id").asText();
        String dir = ok(sb.get("/files?project=" + project + "&name=dir"), 200).at("/items/0/id").asText();

        assertThat(sb.delete("/files/" + file).status()).isEqualTo(204);
        assertThat(sb.delete("/files/" + dir + "?recursive=true").status()).isEqualTo(204);

        assertThat(ok(sb.get("/projects/" + project + "/trash"), 200).get("items")).isEmpty();
        assertThat(sb.get("/files/" + inFolder).status()).isEqualTo(404);
        assertThat(ok(sb.post("/projects/" + project + "/trash/" + file + "/restore", Map.of()), 404).get("code")
                .asInt()).isEqualTo(5002);
        Collector.Report report = collectAt(Duration.ZERO);
        assertThat(report.expiredTrash()).isZero();
        assertThat(report.deletedBlobs()).isEqualTo(2);
    }

    /** One collector pass with the clock {@code offset} ahead of now; the clock is back to now afterwards. */
    private Collector.Report collectAt(Duration offset) throws Exception {
        ahead.set(offset);
        try {
            return fx.server.collectNow();
        } finally {
            ahead.set(Duration.ZERO);
        }
    }

    private String upload(String name, String content) {
        TestHttp.Response r = new ApiScenario(fx.http).upload(token, workspace, null, name,
                content.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).isEqualTo(201);
        return r.json().get("file_id").asText();
    }

    private String download(String fileId) {
        String url = ok(sb.get("/files/" + fileId + "/download_info"), 200).get("url").asText();
        return new String(fx.http.send("GET", url, null, null, null).bytes(), StandardCharsets.UTF_8);
    }
}
