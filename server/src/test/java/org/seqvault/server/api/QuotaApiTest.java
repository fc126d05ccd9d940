package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Project quotas over HTTP, on both backends: set by admins, checked when an upload starts (before
 * a byte is sent) and again when it is published, exact when uploads race for the last bytes,
 * with room reserved by open uploads until they end; refusals are 403 in each dialect's format,
 * with the numbers; usage shows on the project.
 */
@OnEveryBackend
class QuotaApiTest extends BackendSuite {
    /** Eight uploads of {@link #SIZE} bytes race; the quota has room for {@link #FITTING} and one byte short of another. */
    private static final int RACERS = 8;
    private static final int FITTING = 5;
    private static final int SIZE = 1000;
    private static final int V2_QUOTA_CODE = 90010;

    /** The server's clock: real time plus an offset a test may move (upload expiry), and puts back. */
    private static final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);
    static ServerFixture fx;
    static TestHttp http;
    static ApiScenario sc;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        fx = new ServerFixture(backend,
                () -> Instant.now().plus(offset.get()).truncatedTo(ChronoUnit.MICROS), UnaryOperator.identity());
        http = fx.http;
        sc = new ApiScenario(http);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fx.close();
    }

    // ---- administration and display ------------------------------------------------------

    @Test
    void adminsSetAndShowQuotasAndTheProjectShowsItsUsage() throws Exception {
        String ada = sc.user("ada", "files", "projects");
        JsonNode created = sc.project(ada, "Quota Shown", false);
        String pid = created.get("id").asText();
        assertThat(created.get("usage").get("bytes").asLong()).isZero();
        assertThat(created.get("quota").get("bytes").isNull()).isTrue();
        sc.upload(ada, created.get("workspace_id").asText(), "raw/", "a.vcf", bytes(700));

        JsonNode shown = quota(pid, 200);
        assertThat(shown.toString()).isEqualTo("{\"project\":\"" + pid + "\",\"quota\":{\"bytes\":null,\"files\":null},"
                + "\"usage\":{\"bytes\":700,\"files\":1,\"reserved_bytes\":0,\"reserved_files\":0}}");

        JsonNode set = setQuota(pid, Map.of("bytes", "1KiB"), 200);
        assertThat(set.get("quota").toString()).isEqualTo("{\"bytes\":1024,\"files\":null}");
        assertThat(setQuota(pid, Map.of("files", 3), 200).get("quota").toString())
                .as("a key left out keeps its limit").isEqualTo("{\"bytes\":1024,\"files\":3}");
        assertThat(setQuota(pid, Map.of("bytes", 500), 200).get("quota").toString())
                .as("below the usage: allowed").isEqualTo("{\"bytes\":500,\"files\":3}");

        fx.golden().assertMatches("v2-project-get", ok(new SbHttp(http, ada).get("/projects/" + pid), 200));
        JsonNode listed = ok(new SbHttp(http, ada).get("/projects"), 200).get("items").get(0);
        assertThat(listed.get("usage").get("bytes").asLong()).isEqualTo(700);
        assertThat(listed.get("quota").get("bytes").asLong()).isEqualTo(500);
        JsonNode workspace = http.get("/v1/workspaces", ada).json().get("workspaces").get(0);
        assertThat(workspace.get("usage").get("files").asLong()).isEqualTo(1);
        assertThat(workspace.get("quota").get("files").asLong()).isEqualTo(3);

        Map<String, Object> none = new HashMap<>();
        none.put("bytes", null);
        assertThat(setQuota(pid, none, 200).get("quota").toString()).as("null: no limit")
                .isEqualTo("{\"bytes\":null,\"files\":3}");
    }

    @Test
    void onlyAdminsTouchQuotasAndBadValuesAreRefused() {
        String bea = sc.user("bea", "files", "projects");
        String pid = sc.project(bea, "Quota Guarded", false).get("id").asText();
        String path = "/admin/v1/projects/" + pid + "/quota";
        TestHttp.Response own = http.sendJson("PUT", path, bea, Map.of("bytes", 1 << 30));
        assertThat(own.status()).as("the project's own admin is no platform admin").isEqualTo(403);
        assertThat(own.json().get("error").get("code").asText()).isEqualTo("missing_scope");
        assertThat(http.get(path, bea).status()).isEqualTo(403);

        assertThat(http.get("/admin/v1/projects/bea/nothing-here/quota", sc.admin).status()).isEqualTo(404);
        for (Object bad : List.of(Map.of("bytes", -1), Map.of("files", -5), Map.of("bytes", "lots"),
                Map.of("files", "3"), Map.of("size", 10), Map.of("bytes", 1.5), List.of(1),
                Map.of("bytes", "99999999999TiB"), Map.of("bytes", "123456789012345678901234567890"),
                "{\"bytes\": 123456789012345678901234567890}")) {
            TestHttp.Response r = http.sendJson("PUT", path, sc.admin, bad);
            assertThat(r.status()).as("%s", bad).isEqualTo(400);
            assertThat(r.json().get("error").get("code").asText()).isEqualTo("invalid_request");
        }
        assertThat(quota(pid, 200).get("quota").toString()).as("unchanged").isEqualTo("{\"bytes\":null,\"files\":null}");
    }

    // ---- refusals before a byte, in each dialect ---------------------------------------

    @Test
    void anUploadThatCannotFitIsRefusedBeforeAByteIsSentInEachDialectsFormat() throws Exception {
        Golden golden = fx.golden();
        String cleo = sc.user("cleo", "files", "projects");
        JsonNode project = sc.project(cleo, "Quota Refusals", false);
        String pid = project.get("id").asText();
        String ws = project.get("workspace_id").asText();
        sc.upload(cleo, ws, null, "base.bin", bytes(1000));
        setQuota(pid, Map.of("bytes", 2500), 200);

        TestHttp.Response v1 = http.postJson("/v1/files/upload-url", cleo, Map.of("filename", "big.bam",
                "workspace_id", ws, "size", 2000));
        assertThat(v1.status()).isEqualTo(403);
        golden.assertMatches("v1-error-quota-exceeded", v1.json());
        assertThat(v1.json().get("error").get("message").asText())
                .isEqualTo("project " + pid + " is over its quota: 1000 B used + 2.0 KiB requested > 2.4 KiB allowed"
                        + " (1000 + 2000 > 2500 bytes); delete files (trashed files count until they are purged)"
                        + " or ask an administrator for a larger quota");

        SbHttp sb = new SbHttp(http, cleo);
        TestHttp.Response v2 = sb.post("/upload/multipart", Map.of("project", pid, "name", "big.bam", "size", 2000,
                "part_size", 2000));
        assertThat(v2.status()).isEqualTo(403);
        golden.assertMatches("v2-error-403-quota", v2.json());
        assertThat(v2.json().get("code").asInt()).isEqualTo(V2_QUOTA_CODE);
        assertThat(v2.json().get("status").asInt()).isEqualTo(403);

        assertThat(ok(sb.get("/upload/multipart"), 200).get("items")).as("no session was opened").isEmpty();
        assertThat(usage(pid)).isEqualTo(usageJson(1000, 1, 0, 0));

        TestHttp.Response fits = sb.post("/upload/multipart", Map.of("project", pid, "name", "fits.bam", "size", 1500,
                "part_size", 1500));
        assertThat(fits.status()).as("exactly the room left").isEqualTo(200);
        assertThat(usage(pid)).isEqualTo(usageJson(1000, 1, 1500, 1));
    }

    @Test
    void theFileCountIsLimitedTooAndFoldersAreNotCounted() {
        String dora = sc.user("dora", "files", "projects");
        JsonNode project = sc.project(dora, "Quota Files", false);
        String pid = project.get("id").asText();
        String ws = project.get("workspace_id").asText();
        setQuota(pid, Map.of("files", 2), 200);
        assertThat(sc.upload(dora, ws, "a/", "one.txt", bytes(10)).status()).isEqualTo(201);
        assertThat(sc.upload(dora, ws, "a/b/", "two.txt", bytes(10)).status()).isEqualTo(201);

        TestHttp.Response third = sc.upload(dora, ws, "a/", "three.txt", bytes(10));
        assertThat(third.status()).isEqualTo(403);
        assertThat(third.json().get("error").get("message").asText())
                .startsWith("project " + pid + " is over its file quota: 2 files used + 1 requested > 2 allowed; ");
        SbHttp sb = new SbHttp(http, dora);
        ok(sb.post("/files", Map.of("name", "more", "type", "folder", "project", pid)), 200);
        assertThat(sb.post("/upload/multipart", Map.of("project", pid, "name", "three.txt", "size", 0)).status())
                .isEqualTo(403);
        assertThat(usage(pid)).isEqualTo(usageJson(20, 2, 0, 0));
    }

    /** A trashed file keeps its room until it is purged; a restore takes none anew. */
    @Test
    void trashedFilesCountUntilTheyArePurged() throws Exception {
        String tess = sc.user("tess", "files", "projects");
        JsonNode project = sc.project(tess, "Quota Trash", false);
        String pid = project.get("id").asText();
        String ws = project.get("workspace_id").asText();
        setQuota(pid, Map.of("bytes", 150), 200);
        String id = sc.upload(tess, ws, "", "kept.bin", bytes(100)).json().get("file_id").asText();
        SbHttp sb = new SbHttp(http, tess);
        assertThat(sb.delete("/files/" + id).status()).isEqualTo(204);
        assertThat(usage(pid)).as("in the trash: still counted").isEqualTo(usageJson(100, 1, 0, 0));
        assertThat(sc.upload(tess, ws, "", "other.bin", bytes(100)).status()).as("no room while it is in the trash")
                .isEqualTo(403);
        ok(sb.post("/projects/" + pid + "/trash/" + id + "/restore", Map.of()), 200);
        assertThat(usage(pid)).as("restored: counted once").isEqualTo(usageJson(100, 1, 0, 0));
        assertThat(sb.delete("/files/" + id).status()).isEqualTo(204);
        ok(sb.delete("/projects/" + pid + "/trash"), 200);
        fx.server.collectNow();
        assertThat(usage(pid)).as("purged").isEqualTo(usageJson(0, 0, 0, 0));
        assertThat(sc.upload(tess, ws, "", "other.bin", bytes(100)).status()).isEqualTo(201);
    }

    // ---- racing for the last bytes --------------------------------------------------------

    /** Form uploads, presigned PUTs and Seven Bridges multipart uploads race; exactly the ones that fit are stored. */
    @Test
    void eightUploadsOfEveryKindRacingForTheLastBytesNeverGoOverAndNoneThatFitIsRefused() throws Exception {
        race("ed", i -> switch (i % 3) {
            case 0 -> Flow.FORM;
            case 1 -> Flow.PRESIGNED;
            default -> Flow.MULTIPART;
        });
    }

    /** Form uploads are checked only once their bytes are in, when they are published: the same must hold. */
    @Test
    void eightFormUploadsRacingForTheLastBytesNeverGoOverAndNoneThatFitIsRefused() throws Exception {
        race("fay", i -> Flow.FORM);
    }

    private void race(String user, IntFunction<Flow> flows) throws Exception {
        String token = sc.user(user, "files", "projects");
        JsonNode project = sc.project(token, "Race " + user, false);
        String pid = project.get("id").asText();
        String ws = project.get("workspace_id").asText();
        sc.upload(token, ws, null, "base.bin", bytes(500));
        long quota = 500 + (long) FITTING * SIZE + SIZE - 1;
        setQuota(pid, Map.of("bytes", quota), 200);

        CyclicBarrier start = new CyclicBarrier(RACERS);
        ExecutorService pool = Executors.newFixedThreadPool(RACERS);
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try {
            for (int i = 0; i < RACERS; i++) {
                Flow flow = flows.apply(i);
                String name = "racer-" + i + ".bin";
                Callable<Boolean> racer = () -> {
                    start.await(30, TimeUnit.SECONDS);
                    return flow.upload(token, pid, ws, name, bytes(SIZE));
                };
                outcomes.add(pool.submit(racer));
            }
            int stored = 0;
            for (Future<Boolean> outcome : outcomes) {
                stored += outcome.get(120, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertThat(stored).as("uploads stored of %d racing, %d fitting", RACERS, FITTING).isEqualTo(FITTING);
        } finally {
            pool.shutdownNow();
        }
        assertThat(usage(pid)).isEqualTo(usageJson(500 + FITTING * SIZE, 1 + FITTING, 0, 0));
        assertThat(SbFilesApiTest.names(new SbHttp(http, token), "/files?project=" + pid)).hasSize(1 + FITTING);
    }

    /** The three ways in; each returns true when the file was stored, false when the quota refused it (403). */
    private enum Flow {
        FORM {
            @Override
            boolean upload(String token, String pid, String ws, String name, byte[] content) {
                TestHttp.Response r = sc.upload(token, ws, null, name, content);
                return r.status() == 201 || v1Refused(r);
            }
        },
        PRESIGNED {
            @Override
            boolean upload(String token, String pid, String ws, String name, byte[] content) {
                TestHttp.Response ticket = http.postJson("/v1/files/upload-url", token, Map.of("filename", name,
                        "workspace_id", ws, "size", content.length));
                if (ticket.status() != 201) {
                    return v1Refused(ticket);
                }
                assertThat(http.send("PUT", ticket.json().get("uploadUrl").asText(), null, null, content).status())
                        .isEqualTo(200);
                TestHttp.Response done = http.postJson("/v1/files/upload-confirm", token, Map.of("file_key",
                        ticket.json().get("fileKey").asText(), "workspace_id", ws, "filename", name, "size",
                        content.length));
                assertThat(done.status()).as("an upload admitted at its start is stored: %s", done.json())
                        .isEqualTo(201);
                return true;
            }
        },
        MULTIPART {
            @Override
            boolean upload(String token, String pid, String ws, String name, byte[] content) {
                SbHttp sb = new SbHttp(http, token);
                TestHttp.Response init = sb.post("/upload/multipart", Map.of("project", pid, "name", name,
                        "size", content.length, "part_size", content.length));
                if (init.status() != 200) {
                    assertThat(init.status()).as("%s", init.json()).isEqualTo(403);
                    assertThat(init.json().get("code").asInt()).isEqualTo(V2_QUOTA_CODE);
                    return false;
                }
                String id = init.json().get("upload_id").asText();
                sendPart(sb, id, content);
                ok(sb.post("/upload/multipart/" + id + "/complete", "null"), 200);
                return true;
            }
        };

        abstract boolean upload(String token, String pid, String ws, String name, byte[] content);

        /** False for a v1 quota refusal; anything else fails the test. */
        private static boolean v1Refused(TestHttp.Response r) {
            assertThat(r.status()).as("%s", r.json()).isEqualTo(403);
            assertThat(r.json().get("error").get("code").asText()).isEqualTo("quota_exceeded");
            return false;
        }
    }

    // ---- checked again at publication -------------------------------------------------

    @Test
    void aFormUploadLargerThanTheRoomLeftIsRefusedAndNothingIsKept() {
        String gus = sc.user("gus", "files", "projects");
        JsonNode project = sc.project(gus, "Quota Forms", false);
        String pid = project.get("id").asText();
        String ws = project.get("workspace_id").asText();
        setQuota(pid, Map.of("bytes", 999), 200);

        TestHttp.Response tooBig = sc.upload(gus, ws, "raw/", "big.bin", bytes(SIZE));
        assertThat(tooBig.status()).isEqualTo(403);
        assertThat(tooBig.json().get("error").get("code").asText()).isEqualTo("quota_exceeded");
        assertThat(tooBig.json().get("error").get("message").asText())
                .contains("0 B used + more than 999 B requested > 999 B allowed (0 + more than 999 > 999 bytes)");
        assertThat(sc.upload(gus, ws, "raw/", "fits.bin", bytes(999)).status()).as("exactly the room").isEqualTo(201);
        assertThat(usage(pid)).isEqualTo(usageJson(999, 1, 0, 0));
        assertThat(sc.upload(gus, ws, "raw/", "empty.bin", new byte[0]).status()).as("an empty file in a full project")
                .isEqualTo(201);
    }

    @Test
    void aQuotaLoweredWhileUploadsAreOpenRefusesTheirCompletionOnceTheRoomIsTaken() throws Exception {
        String hal = sc.user("hal", "files", "projects");
        SbHttp sb = new SbHttp(http, hal);
        String pid = sc.project(hal, "Quota Lowered", false).get("id").asText();
        setQuota(pid, Map.of("bytes", 2 * SIZE), 200);
        String first = open(sb, pid, "first.bin", SIZE);
        String second = open(sb, pid, "second.bin", SIZE);
        sendPart(sb, first, bytes(SIZE));
        sendPart(sb, second, bytes(SIZE));
        setQuota(pid, Map.of("bytes", SIZE + SIZE / 2), 200);

        ok(sb.post("/upload/multipart/" + first + "/complete", "null"), 200);
        TestHttp.Response refused = sb.post("/upload/multipart/" + second + "/complete", "null");
        assertThat(refused.status()).as("%s", refused.json()).isEqualTo(403);
        assertThat(refused.json().get("code").asInt()).isEqualTo(V2_QUOTA_CODE);
        assertThat(refused.json().get("message").asText()).contains("(1000 + 1000 > 1500 bytes)");
        TestHttp.Response ended = sb.get("/upload/multipart/" + second);
        assertThat(ended.status()).as("the refused upload ended ABORTED, which is gone (spec §12.5)").isEqualTo(404);
        assertThat(ended.json().get("code").asInt()).isEqualTo(8003);
        assertThat(usage(pid)).isEqualTo(usageJson(SIZE, 1, 0, 0));
    }

    @Test
    void anOverwriteMayUseTheRoomOfTheFileItReplaces() {
        String ivy = sc.user("ivy", "files", "projects");
        JsonNode project = sc.project(ivy, "Quota Overwrite", false);
        String pid = project.get("id").asText();
        String ws = project.get("workspace_id").asText();
        setQuota(pid, Map.of("bytes", SIZE), 200);
        assertThat(sc.upload(ivy, ws, "raw/", "calls.vcf", bytes(SIZE)).status()).isEqualTo(201);

        assertThat(sc.upload(ivy, ws, "raw/", "other.vcf", bytes(1)).status()).as("full").isEqualTo(403);
        assertThat(sc.upload(ivy, ws, "raw/", "calls.vcf", bytes(SIZE), "overwrite", "true").status())
                .as("a form upload replacing the file").isEqualTo(201);
        SbHttp sb = new SbHttp(http, ivy);
        String raw = ok(sb.get("/files?project=" + pid), 200).get("items").get(0).get("id").asText();
        JsonNode replaced = sb.upload("parent", raw, "calls.vcf", bytes(SIZE - 100), SIZE, "overwrite=True");
        assertThat(replaced.get("size").asLong()).as("a multipart upload replacing it").isEqualTo(SIZE - 100);
        assertThat(usage(pid)).isEqualTo(usageJson(SIZE - 100, 1, 0, 0));
    }

    @Test
    void aCopyCountsInFullInTheTargetProject() {
        String jo = sc.user("jo", "files", "projects");
        SbHttp sb = new SbHttp(http, jo);
        JsonNode source = sc.project(jo, "Quota Copy Source", false);
        JsonNode target = sc.project(jo, "Quota Copy Target", false);
        String targetId = target.get("id").asText();
        sc.upload(jo, source.get("workspace_id").asText(), null, "reads.bam", bytes(SIZE));
        sc.upload(jo, target.get("workspace_id").asText(), null, "notes.txt", bytes(600));
        String file = ok(sb.get("/files?project=" + source.get("id").asText()), 200).get("items").get(0).get("id").asText();
        setQuota(targetId, Map.of("bytes", 1599), 200);

        TestHttp.Response refused = sb.post("/files/" + file + "/actions/copy", Map.of("project", targetId));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().get("code").asInt()).isEqualTo(V2_QUOTA_CODE);
        assertThat(refused.json().get("message").asText()).contains("(600 + 1000 > 1599 bytes)");

        setQuota(targetId, Map.of("bytes", 1600), 200);
        ok(sb.post("/files/" + file + "/actions/copy", Map.of("project", targetId)), 200);
        assertThat(usage(targetId)).isEqualTo(usageJson(1600, 2, 0, 0));
        assertThat(usage(source.get("id").asText())).as("the source keeps its own count")
                .isEqualTo(usageJson(SIZE, 1, 0, 0));
    }

    @Test
    void aBulkCopyChecksTheQuotaForEachFileAndRefusesOnlyWhatDoesNotFit() {
        String lu = sc.user("lu", "files", "projects");
        SbHttp sb = new SbHttp(http, lu);
        JsonNode source = sc.project(lu, "Bulk Quota Source", false);
        String targetId = sc.project(lu, "Bulk Quota Target", false).get("id").asText();
        String small = sb.upload("project", source.get("id").asText(), "small.txt", bytes(400), SIZE).get("id").asText();
        String big = sb.upload("project", source.get("id").asText(), "big.bam", bytes(SIZE), SIZE).get("id").asText();
        setQuota(targetId, Map.of("bytes", SIZE), 200);

        JsonNode answer = ok(sb.post("/action/files/copy", Map.of("project", targetId, "file_ids", List.of(small, big))),
                200);
        assertThat(answer.get(small).get("status").asText()).isEqualTo("OK");
        assertThat(answer.get(big).get("status").asText()).isEqualTo("FORBIDDEN");
        assertThat(answer.get(big).get("code").asInt()).isEqualTo(V2_QUOTA_CODE);
        assertThat(answer.get(big).get("message").asText()).contains("(400 + 1000 > 1000 bytes)");
        assertThat(usage(targetId)).as("only the copy that fit").isEqualTo(usageJson(400, 1, 0, 0));
    }

    // ---- reservations end with their upload ----------------------------------------------

    @Test
    void anUploadsReservationEndsWhenItIsAbortedOrExpires() {
        String kai = sc.user("kai", "files", "projects");
        SbHttp sb = new SbHttp(http, kai);
        String pid = sc.project(kai, "Quota Reservations", false).get("id").asText();
        setQuota(pid, Map.of("bytes", SIZE), 200);

        String held = open(sb, pid, "held.bin", SIZE);
        assertThat(usage(pid)).isEqualTo(usageJson(0, 0, SIZE, 1));
        assertThat(sb.post("/upload/multipart", Map.of("project", pid, "name", "late.bin", "size", 1)).status())
                .as("the room is reserved").isEqualTo(403);
        assertThat(sb.delete("/upload/multipart/" + held).status()).isEqualTo(204);
        assertThat(usage(pid)).as("aborted").isEqualTo(usageJson(0, 0, 0, 0));

        open(sb, pid, "abandoned.bin", SIZE);
        assertThat(sb.post("/upload/multipart", Map.of("project", pid, "name", "late.bin", "size", 1)).status())
                .isEqualTo(403);
        offset.set(Duration.ofHours(25)); // past the upload lifetime (24 h)
        try {
            fx.server.collectNow();
            assertThat(usage(pid)).as("expired").isEqualTo(usageJson(0, 0, 0, 0));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        } finally {
            offset.set(Duration.ZERO);
        }
        open(sb, pid, "late.bin", SIZE);
    }

    // ---- helpers --------------------------------------------------------------------------

    private static JsonNode quota(String pid, int status) {
        TestHttp.Response r = http.get("/admin/v1/projects/" + pid + "/quota", sc.admin);
        assertThat(r.status()).as("%s", r.json()).isEqualTo(status);
        return r.json();
    }

    private static JsonNode setQuota(String pid, Object body, int status) {
        TestHttp.Response r = http.sendJson("PUT", "/admin/v1/projects/" + pid + "/quota", sc.admin, body);
        assertThat(r.status()).as("%s", r.json()).isEqualTo(status);
        return r.json();
    }

    /** The project's usage as its Seven Bridges JSON shows it. */
    private static String usage(String pid) {
        return ok(new SbHttp(http, sc.admin).get("/projects/" + pid), 200).get("usage").toString();
    }

    private static String usageJson(long bytes, long files, long reservedBytes, long reservedFiles) {
        return "{\"bytes\":" + bytes + ",\"files\":" + files + ",\"reserved_bytes\":" + reservedBytes
                + ",\"reserved_files\":" + reservedFiles + "}";
    }

    private static String open(SbHttp sb, String pid, String name, int size) {
        return ok(sb.post("/upload/multipart", Map.of("project", pid, "name", name, "size", size, "part_size", size)),
                200).get("upload_id").asText();
    }

    private static void sendPart(SbHttp sb, String uploadId, byte[] content) {
        String url = ok(sb.get("/upload/multipart/" + uploadId + "/part/1"), 200).get("url").asText();
        TestHttp.Response put = http.send("PUT", url, null, null, content);
        assertThat(put.status()).isEqualTo(200);
        String etag = put.header("ETag").replace("\"", "");
        ok(sb.post("/upload/multipart/" + uploadId + "/part", ClientParts.report(1, etag)), 204);
    }

    private static byte[] bytes(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        return b;
    }
}
