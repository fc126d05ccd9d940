package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * A project's trash through the APIs: deletes by v1 key, by v2 id, in bulk and of whole folders all
 * land in it and leave every listing at once; it lists them; a restore brings back id, metadata,
 * tags and bytes at the old path (renamed "_1_…" on a clash, recreating gone folders).
 */
@OnEveryBackend
class TrashApiTest extends BackendSuite {
    static ServerFixture fx;
    static TestHttp http;
    static ApiScenario sc;
    static int users;
    String token;
    SbHttp sb;
    String project;
    String workspace;

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

    @BeforeEach
    void freshProject() {
        token = sc.user("trasher" + (++users), "files", "projects");
        sb = new SbHttp(http, token);
        JsonNode p = sc.project(token, "Lab", false);
        project = p.get("id").asText();
        workspace = p.get("workspace_id").asText();
    }

    @Test
    void deletesThroughEveryDialectLandInTheTrashAndLeaveEveryListingAtOnce() {
        String viaV1 = upload("raw/", "one.vcf", "one");
        String viaV2 = upload("raw/", "two.vcf", "two");
        String viaBulk = upload("raw/", "three.vcf", "three");
        String kept = upload("raw/", "kept.vcf", "kept");
        ok(sb.patch("/files/" + viaV2 + "/metadata", Map.of("sample", "S2")), 200);
        Instant before = Instant.now().minusSeconds(1);

        assertThat(http.delete("/v1/files?workspace_id=" + workspace + "&key=raw/one.vcf", token).status()).isEqualTo(204);
        assertThat(sb.delete("/files/" + viaV2).status()).isEqualTo(204);
        JsonNode bulk = ok(sb.post("/bulk/files/delete", Map.of("file_ids", List.of(viaBulk))), 200);
        assertThat(bulk.at("/items/0/resource/id").asText()).isEqualTo(viaBulk);

        assertThat(v1Keys()).containsExactly("raw/kept.vcf");
        String raw = ok(sb.get("/files?project=" + project + "&name=raw"), 200).at("/items/0/id").asText();
        assertThat(ids(ok(sb.get("/files?parent=" + raw), 200))).containsExactly(kept);
        assertThat(ids(ok(sb.get("/files/" + raw + "/scroll"), 200))).containsExactly(kept);
        assertThat(ok(sb.get("/files?parent=" + raw + "&metadata.sample=S2"), 200).get("items")).isEmpty();
        for (String gone : List.of(viaV1, viaV2, viaBulk)) {
            assertThat(sb.get("/files/" + gone).status()).isEqualTo(404);
            assertThat(sb.get("/files/" + gone + "/download_info").status()).isEqualTo(404);
            assertThat(sb.post("/files/" + gone + "/actions/copy", Map.of("project", project)).status()).isEqualTo(404);
        }
        assertThat(ok(sb.post("/bulk/files/get", Map.of("file_ids", List.of(viaV2))), 200).at("/items/0/error/status")
                .asInt()).isEqualTo(404);
        assertThat(http.get("/v1/files/download?workspace_id=" + workspace + "&key=raw/two.vcf", token).status())
                .isEqualTo(404);

        TestHttp.Response listed = sb.get("/projects/" + project + "/trash");
        JsonNode trash = ok(listed, 200);
        assertThat(listed.header(SbHttp.TOTAL)).isEqualTo("3");
        assertThat(ids(trash)).as("newest first").containsExactly(viaBulk, viaV2, viaV1);
        JsonNode item = trash.at("/items/1");
        assertThat(item.get("name").asText()).isEqualTo("two.vcf");
        assertThat(item.get("type").asText()).isEqualTo("file");
        assertThat(item.get("path").asText()).isEqualTo("raw/two.vcf");
        assertThat(item.get("project").asText()).isEqualTo(project);
        assertThat(item.get("parent").asText()).isEqualTo(raw);
        assertThat(item.get("files").asLong()).isEqualTo(1);
        assertThat(item.get("size").asLong()).isEqualTo(3);
        assertThat(item.get("deleted_by").asText()).isEqualTo("trasher" + users);
        Instant deleted = Instant.parse(item.get("deleted_on").asText());
        assertThat(deleted).isAfter(before);
        assertThat(Instant.parse(item.get("expires_on").asText())).isEqualTo(deleted.plus(Duration.ofDays(14)));

        String again = upload("raw/", "two.vcf", "a new two");
        assertThat(again).as("a trashed name is free").isNotEqualTo(viaV2);
    }

    @Test
    void aRestoreBringsBackIdMetadataTagsAndBytesAndRenamesOnAClash() {
        String id = upload("raw/", "sample.vcf", "##fileformat=VCFv4.3");
        ok(sb.patch("/files/" + id + "/metadata", Map.of("sample_id", "S7", "platform", "ILLUMINA")), 200);
        ok(sb.put("/files/" + id + "/tags", List.of("wgs", "trio")), 200);
        JsonNode original = ok(sb.get("/files/" + id), 200);
        assertThat(sb.delete("/files/" + id).status()).isEqualTo(204);
        String newcomer = upload("raw/", "sample.vcf", "another sample");

        JsonNode restored = ok(sb.post("/projects/" + project + "/trash/" + id + "/restore", Map.of()), 200);

        assertThat(restored.get("id").asText()).isEqualTo(id);
        assertThat(restored.get("name").asText()).isEqualTo("_1_sample.vcf");
        assertThat(restored.get("parent")).isEqualTo(original.get("parent"));
        assertThat(restored.get("metadata")).isEqualTo(original.get("metadata"));
        assertThat(restored.get("tags")).isEqualTo(original.get("tags"));
        assertThat(restored.get("created_on")).isEqualTo(original.get("created_on"));
        assertThat(download(id)).isEqualTo("##fileformat=VCFv4.3");
        assertThat(v1Keys()).containsExactly("raw/_1_sample.vcf", "raw/sample.vcf");
        assertThat(ok(sb.get("/files?project=" + project + "&tag=trio"), 200).get("items")).isEmpty();
        assertThat(ok(sb.get("/projects/" + project + "/trash"), 200).get("items")).isEmpty();
        assertThat(sb.post("/projects/" + project + "/trash/" + id + "/restore", Map.of()).status())
                .as("restored once").isEqualTo(404);

        assertThat(sb.delete("/files/" + id).status()).isEqualTo(204);
        assertThat(sb.delete("/files/" + newcomer).status()).isEqualTo(204);
        assertThat(ok(sb.post("/projects/" + project + "/trash/" + newcomer + "/restore", Map.of()), 200).get("name")
                .asText()).as("its own name is free again").isEqualTo("sample.vcf");
        assertThat(ok(sb.post("/projects/" + project + "/trash/" + id + "/restore", Map.of()), 200).get("name")
                .asText()).isEqualTo("_1_sample.vcf");
    }

    @Test
    void aFolderGoesToTheTrashWithEverythingInItAsOneItemAndComesBackWhole() {
        String a = upload("runs/r1/", "a.bam", "aaaa");
        String b = upload("runs/r1/qc/", "b.txt", "bb");
        String c = upload("runs/", "c.txt", "c");
        ok(sb.put("/files/" + b + "/tags", List.of("qc")), 200);
        String runs = ok(sb.get("/files?project=" + project + "&name=runs"), 200).at("/items/0/id").asText();

        JsonNode refused = ok(sb.delete("/files/" + runs), 400);
        assertThat(refused.get("code").asInt()).as("not empty, and not recursive").isEqualTo(5021);
        assertThat(sb.delete("/files/" + runs + "?recursive=true").status()).isEqualTo(204);

        assertThat(v1Keys()).isEmpty();
        assertThat(ok(sb.get("/files?project=" + project), 200).get("items")).isEmpty();
        for (String gone : List.of(runs, a, b, c)) {
            assertThat(sb.get("/files/" + gone).status()).isEqualTo(404);
        }
        JsonNode item = ok(sb.get("/projects/" + project + "/trash"), 200).at("/items/0");
        assertThat(item.get("id").asText()).isEqualTo(runs);
        assertThat(item.get("type").asText()).isEqualTo("folder");
        assertThat(item.get("path").asText()).isEqualTo("runs");
        assertThat(item.get("files").asLong()).isEqualTo(3);
        assertThat(item.get("size").asLong()).isEqualTo(7);

        ok(sb.post("/projects/" + project + "/trash/" + runs + "/restore", Map.of()), 200);

        assertThat(v1Keys()).containsExactly("runs/c.txt", "runs/r1/a.bam", "runs/r1/qc/b.txt");
        assertThat(ok(sb.get("/files/" + b), 200).get("tags").toString()).isEqualTo("[\"qc\"]");
        assertThat(download(a)).isEqualTo("aaaa");
    }

    @Test
    void aRestoreRecreatesTheFoldersThatWentAndAFolderRestoredOntoItsOwnNameIsRenamed() {
        String deep = upload("cohort/batch1/", "deep.vcf", "deep");
        String other = upload("cohort/batch1/", "other.vcf", "other");
        assertThat(sb.delete("/files/" + deep).status()).isEqualTo(204);
        String cohort = ok(sb.get("/files?project=" + project + "&name=cohort"), 200).at("/items/0/id").asText();
        assertThat(sb.delete("/files/" + cohort + "?recursive=true").status()).isEqualTo(204);
        assertThat(ok(sb.get("/files?project=" + project), 200).get("items")).isEmpty();

        JsonNode back = ok(sb.post("/projects/" + project + "/trash/" + deep + "/restore", Map.of()), 200);

        assertThat(v1Keys()).containsExactly("cohort/batch1/deep.vcf");
        assertThat(back.get("parent").asText()).as("a new folder where the old one was").isNotEqualTo(cohort);
        JsonNode folder = ok(sb.post("/projects/" + project + "/trash/" + cohort + "/restore", Map.of()), 200);
        assertThat(folder.get("id").asText()).isEqualTo(cohort);
        assertThat(folder.get("name").asText()).isEqualTo("_1_cohort");
        assertThat(v1Keys()).containsExactly("_1_cohort/batch1/other.vcf", "cohort/batch1/deep.vcf");
        assertThat(download(other)).isEqualTo("other");
    }

    @Test
    void theTrashIsListedByPathInPagesAndRefusesWhatItCannotDo() {
        List<String> deleted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = upload("x/", "same.txt", "v" + i);
            assertThat(sb.delete("/files/" + id).status()).isEqualTo(204);
            deleted.add(0, id);
        }
        assertThat(ids(ok(sb.get("/projects/" + project + "/trash?path=x/same.txt"), 200))).isEqualTo(deleted);
        assertThat(ok(sb.get("/projects/" + project + "/trash?path=x/other.txt"), 200).get("items")).isEmpty();
        TestHttp.Response page = sb.get("/projects/" + project + "/trash?limit=2&offset=2");
        assertThat(ids(ok(page, 200))).isEqualTo(deleted.subList(2, 4));
        assertThat(page.header(SbHttp.TOTAL)).isEqualTo("5");
        assertThat(sb.allPages("/projects/" + project + "/trash?limit=2", 5)).hasSize(3);

        assertThat(ok(sb.post("/projects/" + project + "/trash/0123456789abcdef01234567/restore", Map.of()), 404)
                .get("code").asInt()).isEqualTo(5002);
        assertThat(ok(sb.get("/projects/" + project + "/trash?offset=-1"), 400).get("code").asInt()).isEqualTo(90000);
        assertThat(sb.get("/projects/" + project + "/trash?path=" + q("x".repeat(2000))).status()).isEqualTo(400);
        assertThat(ok(sb.get("/projects/nobody/nothing/trash"), 404).get("code").asInt()).isEqualTo(3002);

        String reader = sc.user("reader" + users, "files", "projects");
        sc.addMember(token, project, "reader" + users, Map.of("read", true));
        SbHttp asReader = sb.as(reader);
        assertThat(ids(ok(asReader.get("/projects/" + project + "/trash"), 200))).hasSize(5);
        assertThat(asReader.post("/projects/" + project + "/trash/" + deleted.get(0) + "/restore", Map.of()).status())
                .isEqualTo(403);
        assertThat(asReader.delete("/projects/" + project + "/trash").status()).isEqualTo(403);
    }

    @Test
    void emptyingTheTrashMakesItsItemsGoneForGood() {
        String one = upload("", "one.txt", "1");
        String two = upload("d/", "two.txt", "22");
        assertThat(sb.delete("/files/" + one).status()).isEqualTo(204);
        assertThat(sb.delete("/files/" + two).status()).isEqualTo(204);

        JsonNode emptied = ok(sb.delete("/projects/" + project + "/trash"), 200);

        assertThat(emptied.toString()).isEqualTo("{\"items\":2,\"files\":2,\"size\":3}");
        assertThat(ok(sb.get("/projects/" + project + "/trash"), 200).get("items")).isEmpty();
        assertThat(sb.post("/projects/" + project + "/trash/" + one + "/restore", Map.of()).status()).isEqualTo(404);
        assertThat(ok(sb.delete("/projects/" + project + "/trash"), 200).get("items").asInt()).isZero();
    }

    /** Uploads through the v1 form into {@code path} and returns the file id. */
    private String upload(String path, String name, String content) {
        TestHttp.Response r = sc.upload(token, workspace, path.isEmpty() ? null : path, name,
                content.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.json().toString()).isEqualTo(201);
        return r.json().get("file_id").asText();
    }

    private String download(String fileId) {
        String url = ok(sb.get("/files/" + fileId + "/download_info"), 200).get("url").asText();
        return new String(http.send("GET", url, null, null, null).bytes(), StandardCharsets.UTF_8);
    }

    private List<String> v1Keys() {
        List<String> keys = new ArrayList<>();
        ok(http.get("/v1/files?workspace_id=" + workspace, token), 200).get("files")
                .forEach(f -> keys.add(f.get("key").asText()));
        return keys;
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
