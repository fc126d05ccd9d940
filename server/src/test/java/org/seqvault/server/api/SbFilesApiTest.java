package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.TOTAL;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** The Seven Bridges files API over real HTTP: every success answer compared whole with a golden file. */
@OnEveryBackend
class SbFilesApiTest extends BackendSuite {
    static ServerFixture fx;
    static TestHttp http;
    static ApiScenario sc;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        fx = new ServerFixture(backend);
        http = fx.http;
        sc = new ApiScenario(http);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fx.close();
    }

    @Test
    void foldersFilesMetadataTagsAndListings() throws Exception {
        Golden golden = fx.golden();
        String alice = sc.user("alice", "files", "projects");
        SbHttp sb = new SbHttp(http, alice);
        JsonNode project = sc.project(alice, "WGS Trio", false);
        String pid = project.get("id").asText();

        JsonNode raw = ok(sb.post("/files", Map.of("name", "raw", "type", "folder", "project", pid)), 200);
        golden.assertMatches("v2-folder-create", raw);
        assertThat(raw.get("parent").asText()).isEqualTo(project.get("root_folder").asText());
        String rawId = raw.get("id").asText();
        JsonNode sub = ok(sb.post("/files", Map.of("name", "sub", "type", "folder", "parent", rawId)), 200);
        assertThat(sub.get("parent").asText()).isEqualTo(rawId);

        byte[] bam = "not really a bam".getBytes(StandardCharsets.UTF_8);
        String id = sb.upload("parent", rawId, "sample1.bam", bam, 1024).get("id").asText();
        sb.upload("parent", rawId, "sample2.bam", new byte[] {1, 2}, 1024);

        var patched = sb.patch("/files/" + id + "/metadata", Map.of("sample_id", "S1", "library_id", "L7"));
        golden.assertMatches("v2-metadata-patch", ok(patched, 200));
        golden.assertMatches("v2-tags-put", ok(sb.put("/files/" + id + "/tags", List.of("wgs", "batch-3")), 200));
        golden.assertMatches("v2-file-get", ok(sb.get("/files/" + id), 200));
        golden.assertMatches("v2-metadata-get", ok(sb.get("/files/" + id + "/metadata"), 200));
        Map<String, Object> replacement = new HashMap<>(Map.of("sample_id", "S1", "lane", 3, "paired", true));
        golden.assertMatches("v2-metadata-put", ok(sb.put("/files/" + id + "/metadata", replacement), 200));
        Map<String, Object> removeLane = new HashMap<>();
        removeLane.put("lane", null);
        assertThat(ok(sb.patch("/files/" + id + "/metadata", removeLane), 200).has("lane")).isFalse();

        Instant before = Instant.parse(ok(sb.get("/files/" + id), 200).get("modified_on").asText());
        nextSecondAfter(before);
        JsonNode renamed = ok(sb.patch("/files/" + id, Map.of("name", "sample1.final.bam")), 200);
        golden.assertMatches("v2-file-rename", renamed);
        assertThat(Instant.parse(renamed.get("modified_on").asText())).as("the rename sets modified_on")
                .isAfter(before);
        assertThat(renamed.get("created_on")).isEqualTo(ok(sb.get("/files/" + id), 200).get("created_on"));

        var rootList = sb.get("/files?project=" + pid + "&fields=_all");
        golden.assertMatches("v2-list-project", ok(rootList, 200));
        assertThat(rootList.header(TOTAL)).isEqualTo("1");
        var folderPage = sb.get("/files?parent=" + rawId + "&offset=1&limit=1&fields=_all");
        golden.assertMatches("v2-list-parent-page", ok(folderPage, 200));
        assertThat(folderPage.header(TOTAL)).isEqualTo("3");
        golden.assertMatches("v2-folder-list", ok(sb.get("/files/" + rawId + "/list?offset=0&limit=50&fields=_all"), 200));
        var alias = sb.get("/projects/" + pid + "/files?limit=10");
        golden.assertMatches("v2-list-alias", ok(alias, 200));
        assertThat(alias.header(TOTAL)).isEqualTo("1");

        var scroll = sb.get("/files/scroll?parent=" + rawId + "&token=init&limit=2&fields=_all");
        JsonNode scrolled = ok(scroll, 200);
        golden.assertMatches("v2-scroll-page1", scrolled);
        assertThat(scroll.header(TOTAL)).isEqualTo("3");
        JsonNode last = ok(sb.get(scrolled.get("links").get(0).get("href").asText()), 200);
        golden.assertMatches("v2-scroll-page2", last);
        golden.assertMatches("v2-folder-scroll", ok(sb.get("/files/" + rawId + "/scroll?token=init&limit=50"), 200));

        golden.assertMatches("v2-download-info", ok(sb.get("/files/" + id + "/download_info"), 200));
    }

    @Test
    void filtersCombineAsTheSpecSays() throws Exception {
        String bob = sc.user("bob", "files", "projects");
        SbHttp sb = new SbHttp(http, bob);
        String pid = sc.project(bob, "Filters", false).get("id").asText();
        String a = sb.upload("project", pid, "a.vcf", new byte[] {1}, 1024).get("id").asText();
        String b = sb.upload("project", pid, "b.vcf", new byte[] {2}, 1024).get("id").asText();
        sb.upload("project", pid, "c.vcf", new byte[] {3}, 1024, "overwrite=True");
        sb.patch("/files/" + a + "/metadata", Map.of("sample", "S1", "batch", "1"));
        sb.patch("/files/" + b + "/metadata", Map.of("sample", "S2", "batch", "1"));
        sb.put("/files/" + a + "/tags", List.of("red"));
        sb.put("/files/" + b + "/tags", List.of("blue", "red"));
        String base = "/files?project=" + pid;

        assertThat(names(sb, base + "&name=a.vcf&name=c.vcf")).containsExactly("a.vcf", "c.vcf");
        assertThat(names(sb, base + "&name=")).as("an empty name= matches nothing").isEmpty();
        assertThat(names(sb, base + "&metadata.sample=S1&metadata.sample=S2")).containsExactly("a.vcf", "b.vcf");
        assertThat(names(sb, base + "&metadata.sample=S2&metadata.batch=1")).containsExactly("b.vcf");
        assertThat(names(sb, base + "&metadata.sample=S2&metadata.batch=2")).isEmpty();
        assertThat(names(sb, base + "&tag=blue&tag=green")).containsExactly("b.vcf");
        assertThat(names(sb, base + "&tag=red&name=a.vcf")).containsExactly("a.vcf");
        assertThat(names(sb, base + "&origin.task=0f0e0d0c-0000-4000-8000-000000000001")).isEmpty();
        assertThat(names(sb, base + "&limit=0")).as("limit<=0 means the default").hasSize(3);
        var clamped = sb.get(base + "&limit=500");
        assertThat(ok(clamped, 200).get("href").asText()).endsWith("limit=100");
        var withSpaces = sb.get(base + "&name=a+b.vcf");
        assertThat(ok(withSpaces, 200).get("items")).isEmpty();
        assertThat(withSpaces.header(TOTAL)).isEqualTo("0");
    }

    @Test
    void copyMoveDeleteAndFolders() throws Exception {
        Golden golden = fx.golden();
        String carol = sc.user("carol", "files", "projects");
        SbHttp sb = new SbHttp(http, carol);
        String pid = sc.project(carol, "Source", false).get("id").asText();
        JsonNode other = sc.project(carol, "Target", false);
        String target = other.get("id").asText();
        String folder = ok(sb.post("/files", Map.of("name", "out", "type", "folder", "project", pid)), 200)
                .get("id").asText();
        JsonNode file = sb.upload("project", pid, "reads.fq", "ACGT".getBytes(StandardCharsets.UTF_8), 1024);
        String id = file.get("id").asText();
        sb.patch("/files/" + id + "/metadata", Map.of("sample", "S9"));
        sb.put("/files/" + id + "/tags", List.of("raw"));

        JsonNode copy = ok(sb.post("/files/" + id + "/actions/copy", Map.of("project", target, "name", "reads.copy.fq")), 200);
        golden.assertMatches("v2-copy", copy);
        assertThat(copy.get("id").asText()).isNotEqualTo(id);
        JsonNode inFolder = ok(sb.post("/files/" + id + "/actions/copy", Map.of("parent", folder)), 200);
        golden.assertMatches("v2-copy-to-folder", inFolder);

        JsonNode moved = ok(sb.post("/files/" + inFolder.get("id").asText() + "/actions/move",
                Map.of("parent", ok(sb.get("/files/" + id), 200).get("parent").asText(), "name", "reads.moved.fq")), 200);
        golden.assertMatches("v2-move", moved);
        assertThat(moved.get("id").asText()).isEqualTo(inFolder.get("id").asText());

        var deleted = sb.delete("/files/" + moved.get("id").asText());
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.bytes()).isEmpty();
        assertThat(sb.get("/files/" + moved.get("id").asText()).status()).isEqualTo(404);
        assertThat(sb.delete("/files/" + folder).status()).as("an empty folder").isEqualTo(204);

        String copyUrl = ok(sb.get("/files/" + copy.get("id").asText() + "/download_info"), 200).get("url").asText();
        assertThat(http.send("GET", copyUrl, null, null, null).bytes()).isEqualTo("ACGT".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCopyOntoATakenNameIsRenamedToTheSmallestFreeNumber() throws Exception {
        Golden golden = fx.golden();
        String cleo = sc.user("cleo", "files", "projects");
        SbHttp sb = new SbHttp(http, cleo);
        String pid = sc.project(cleo, "Clashes", false).get("id").asText();
        String id = sb.upload("project", pid, "calls.vcf", new byte[] {1, 2}, 1024).get("id").asText();
        String root = ok(sb.get("/files/" + id), 200).get("parent").asText();

        JsonNode first = ok(sb.post("/files/" + id + "/actions/copy", Map.of("parent", root)), 200);
        golden.assertMatches("v2-copy-renamed", first);
        assertThat(first.get("name").asText()).isEqualTo("_1_calls.vcf");
        sb.upload("project", pid, "_3_calls.vcf", new byte[] {3}, 1024);
        assertThat(ok(sb.post("/files/" + id + "/actions/copy", Map.of("project", pid)), 200).get("name").asText())
                .isEqualTo("_2_calls.vcf");
        assertThat(ok(sb.post("/files/" + id + "/actions/copy", Map.of("project", pid, "name", "calls.vcf")), 200)
                .get("name").asText()).as("_3_ is taken: the smallest free number").isEqualTo("_4_calls.vcf");
        ok(sb.delete("/files/" + first.get("id").asText()), 204);
        assertThat(ok(sb.post("/files/" + id + "/actions/copy", Map.of("parent", root)), 200).get("name").asText())
                .as("a number freed again is the smallest free").isEqualTo("_1_calls.vcf");
        var refused = sb.post("/files/" + id + "/actions/copy?on_clash=fail", Map.of("parent", root));
        assertThat(refused.status()).as("the SDK's opt-out keeps the name or fails").isEqualTo(409);
        assertThat(names(sb, "/files?project=" + pid)).containsExactly("_1_calls.vcf", "_2_calls.vcf", "_3_calls.vcf",
                "_4_calls.vcf", "calls.vcf");
    }

    @Test
    void copiesRacingForOneNameEachTakeTheirOwnNumber() throws Exception {
        String rex = sc.user("rex", "files", "projects");
        SbHttp sb = new SbHttp(http, rex);
        String pid = sc.project(rex, "Racing Copies", false).get("id").asText();
        String id = sb.upload("project", pid, "r.bam", new byte[] {1}, 1024).get("id").asText();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<TestHttp.Response>> copies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                copies.add(pool.submit(() -> sb.post("/files/" + id + "/actions/copy", Map.of("project", pid))));
            }
            Set<String> names = new TreeSet<>();
            for (Future<TestHttp.Response> copy : copies) {
                names.add(ok(copy.get(), 200).get("name").asText());
            }
            assertThat(names).as("eight copies, eight names, none refused")
                    .containsExactly("_1_r.bam", "_2_r.bam", "_3_r.bam", "_4_r.bam", "_5_r.bam", "_6_r.bam", "_7_r.bam",
                            "_8_r.bam");
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void bulkCopyPutsFilesInTheProjectRootAndFailsEachBadIdAlone() throws Exception {
        Golden golden = fx.golden();
        String bea = sc.user("bea", "files", "projects");
        SbHttp sb = new SbHttp(http, bea);
        String source = sc.project(bea, "Bulk Source", false).get("id").asText();
        String target = sc.project(bea, "Bulk Target", false).get("id").asText();
        String a = sb.upload("project", source, "a.bam", new byte[] {1}, 1024).get("id").asText();
        String b = sb.upload("project", source, "b.bam", new byte[] {2, 2}, 1024).get("id").asText();
        sb.patch("/files/" + b + "/metadata", Map.of("sample", "S2"));
        String folder = ok(sb.post("/files", Map.of("name", "dir", "type", "folder", "project", source)), 200)
                .get("id").asText();
        sb.upload("project", target, "b.bam", new byte[] {9}, 1024);
        String stranger = sc.user("stan", "files", "projects");
        String hidden = new SbHttp(http, stranger).upload("project",
                sc.project(stranger, "Hidden", false).get("id").asText(), "secret.bam", new byte[] {7}, 1024)
                .get("id").asText();

        var r = sb.post("/action/files/copy", Map.of("project", target,
                "file_ids", List.of(a, b, folder, "0123456789abcdef01234567", hidden, a)));
        JsonNode answer = ok(r, 200);
        golden.assertMatches("v2-action-copy", answer);
        assertThat(answer.get(b).get("new_file_name").asText()).as("a taken name is renamed").isEqualTo("_1_b.bam");
        assertThat(answer.get(hidden).get("status").asText()).as("no leak: hidden is unknown").isEqualTo("NOT_FOUND");
        assertThat(answer.get(hidden).toString()).doesNotContain("secret");
        assertThat(names(sb, "/files?project=" + target)).as("the repeated id is copied once")
                .containsExactly("_1_b.bam", "a.bam", "b.bam");
        JsonNode copyOfB = ok(sb.get("/files/" + answer.get(b).get("new_file_id").asText()), 200);
        assertThat(copyOfB.get("metadata").get("sample").asText()).isEqualTo("S2");
        assertThat(copyOfB.get("parent").asText()).isEqualTo(ok(sb.get("/projects/" + target), 200)
                .get("root_folder").asText());
    }

    @Test
    void patchingAFileWithMetadataReplacesTheWholeMetadata() throws Exception {
        Golden golden = fx.golden();
        String pia = sc.user("pia", "files", "projects");
        SbHttp sb = new SbHttp(http, pia);
        String pid = sc.project(pia, "Patches", false).get("id").asText();
        String id = sb.upload("project", pid, "r.fq", new byte[] {1}, 1024).get("id").asText();
        sb.patch("/files/" + id + "/metadata", Map.of("sample_id", "S1", "library_id", "L1"));
        sb.put("/files/" + id + "/tags", List.of("raw"));

        JsonNode patched = ok(sb.patch("/files/" + id, Map.of("metadata", Map.of("platform", "ILLUMINA"))), 200);
        golden.assertMatches("v2-file-patch-metadata", patched);
        assertThat(patched.get("metadata").properties()).as("the whole set replaced").hasSize(1);
        assertThat(patched.get("tags").get(0).asText()).as("tags not sent stay").isEqualTo("raw");
        JsonNode renamed = ok(sb.patch("/files/" + id, Map.of("name", "r1.fq")), 200);
        assertThat(renamed.get("metadata").get("platform").asText()).as("metadata not sent stays").isEqualTo("ILLUMINA");
        JsonNode merged = ok(sb.patch("/files/" + id + "/metadata", Map.of("sample_id", "S9")), 200);
        assertThat(merged.properties()).as("PATCH .../metadata still merges").hasSize(2);
    }

    @Test
    void rateLimitShowsTheQuotaOfTheHeaders() throws Exception {
        String dave = sc.user("dave", "files");
        var r = new SbHttp(http, dave).get("/rate_limit");
        JsonNode body = ok(r, 200);
        assertThat(body.at("/rate/limit").asText()).isEqualTo(r.header("X-RateLimit-Limit"));
        assertThat(body.at("/rate/remaining").asText()).isEqualTo(r.header("X-RateLimit-Remaining"));
        assertThat(java.time.Instant.parse(body.at("/rate/reset").asText()).getEpochSecond())
                .isEqualTo(Long.parseLong(r.header("X-RateLimit-Reset")));
        String shape = body.toString().replaceAll("\"(limit|remaining)\":-?\\d+", "\"$1\":\"<n>\"");
        fx.golden().assertMatches("v2-rate-limit", TestHttp.JSON.readTree(shape));
    }

    static List<String> names(SbHttp sb, String path) {
        var r = sb.get(path);
        JsonNode page = ok(r, 200);
        List<String> names = new ArrayList<>();
        page.get("items").forEach(i -> names.add(i.get("name").asText()));
        assertThat(r.header(TOTAL)).isEqualTo(Integer.toString(names.size()));
        return names;
    }

    /**
     * Waits until the clock (the server's, on this machine) is in a later second than {@code time}:
     * times on the wire have whole seconds, so only then must a change show a later one.
     */
    static void nextSecondAfter(Instant time) throws InterruptedException {
        while (Instant.now().getEpochSecond() <= time.getEpochSecond()) {
            Thread.sleep(20);
        }
    }
}
