package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Index files are linked to their data by name in the same folder ({@code x.bam.bai}, {@code x.bai},
 * …), whichever arrived first, and the v2 file JSON lists them under {@code _secondary_files}; the
 * link follows renames, moves, copies and deletes of either file because it is derived, not stored.
 */
@OnEveryBackend
class IndexFilesApiTest extends BackendSuite {
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
        token = sc.user("indexer" + (++users), "files", "projects");
        sb = new SbHttp(http, token);
        JsonNode p = sc.project(token, "Lab", false);
        project = p.get("id").asText();
        workspace = p.get("workspace_id").asText();
    }

    @Test
    void anIndexIsLinkedWhicheverArrivesFirstAndListedAsAFullFileObject() {
        String bai = upload("bam/", "NA12878.bam.bai", "index");
        String bam = upload("bam/", "NA12878.bam", "data");
        String vcf = upload("vcf/", "calls.vcf.gz", "variants");
        String tbi = upload("vcf/", "calls.vcf.gz.tbi", "tabix");
        upload("vcf/", "calls.vcf.gz.bai", "not an index of a VCF");

        JsonNode file = ok(sb.get("/files/" + bam), 200);
        assertThat(secondaryIds(file)).containsExactly(bai);
        JsonNode index = file.at("/_secondary_files/0");
        assertThat(index.get("name").asText()).isEqualTo("NA12878.bam.bai");
        assertThat(index.get("size").asLong()).isEqualTo(5);
        assertThat(index.get("project").asText()).isEqualTo(project);
        assertThat(index.get("href").asText()).endsWith("/v2/files/" + bai);
        assertThat(index.get("_secondary_files")).isEmpty();
        assertThat(secondaryIds(ok(sb.get("/files/" + vcf), 200))).containsExactly(tbi);
        assertThat(secondaryIds(ok(sb.get("/files/" + bai), 200))).as("an index has no index").isEmpty();

        String folder = ok(sb.get("/files/" + bam), 200).get("parent").asText();
        JsonNode listed = ok(sb.get("/files?parent=" + folder), 200);
        assertThat(secondaryIdsOf(listed, bam)).containsExactly(bai);
        JsonNode scrolled = ok(sb.get("/files/" + folder + "/scroll"), 200);
        assertThat(secondaryIdsOf(scrolled, bam)).containsExactly(bai);
        JsonNode bulk = ok(sb.post("/bulk/files/get", Map.of("file_ids", List.of(bam))), 200);
        assertThat(bulk.at("/items/0/resource/_secondary_files/0/id").asText()).isEqualTo(bai);
    }

    @Test
    void bothNamingConventionsAreFoundMostUsualFirst() {
        String bam = upload("", "sample.bam", "data");
        String replacing = upload("", "sample.bai", "old-style index");
        String csi = upload("", "sample.bam.csi", "csi index");
        String cram = upload("", "sample.cram", "cram");
        String crai = upload("", "sample.crai", "crai");

        assertThat(secondaryIds(ok(sb.get("/files/" + bam), 200))).containsExactly(csi, replacing);
        assertThat(secondaryIds(ok(sb.get("/files/" + cram), 200))).containsExactly(crai);
    }

    @Test
    void theLinkFollowsRenamesMovesCopiesAndDeletes() {
        String bam = upload("a/", "x.bam", "data");
        String bai = upload("a/", "x.bam.bai", "index");
        String other = ok(sb.post("/files", Map.of("project", project, "name", "elsewhere", "type", "folder")), 200)
                .get("id").asText();

        ok(sb.patch("/files/" + bai, Map.of("name", "y.bam.bai")), 200);
        assertThat(secondaryIds(ok(sb.get("/files/" + bam), 200))).as("index renamed away").isEmpty();
        ok(sb.patch("/files/" + bam, Map.of("name", "y.bam")), 200);
        assertThat(secondaryIds(ok(sb.get("/files/" + bam), 200))).as("data renamed to match").containsExactly(bai);

        ok(sb.post("/files/" + bam + "/actions/move", Map.of("parent", other)), 200);
        assertThat(secondaryIds(ok(sb.get("/files/" + bam), 200))).as("data moved away from its index").isEmpty();
        ok(sb.post("/files/" + bai + "/actions/move", Map.of("parent", other)), 200);
        assertThat(secondaryIds(ok(sb.get("/files/" + bam), 200))).as("index moved beside it").containsExactly(bai);

        String copiedBam = ok(sb.post("/files/" + bam + "/actions/copy", Map.of("project", project)), 200)
                .get("id").asText();
        assertThat(secondaryIds(ok(sb.get("/files/" + copiedBam), 200))).as("data copied alone").isEmpty();
        String copiedBai = ok(sb.post("/files/" + bai + "/actions/copy", Map.of("project", project)), 200)
                .get("id").asText();
        assertThat(secondaryIds(ok(sb.get("/files/" + copiedBam), 200))).as("the pair copied").containsExactly(copiedBai);
        assertThat(secondaryIds(ok(sb.get("/files/" + bam), 200))).as("the original keeps its own").containsExactly(bai);

        assertThat(sb.delete("/files/" + bai).status()).isEqualTo(204);
        assertThat(secondaryIds(ok(sb.get("/files/" + bam), 200))).as("index deleted").isEmpty();
    }

    @Test
    void aCopyJobOfTheFolderOrOfBothFilesKeepsThePairLinked() throws Exception {
        String bam = upload("run/", "x.bam", "data");
        String bai = upload("run/", "x.bam.bai", "index");
        String run = ok(sb.get("/files/" + bam), 200).get("parent").asText();
        String dest = ok(sb.post("/files", Map.of("project", project, "name", "dest", "type", "folder")), 200)
                .get("id").asText();

        JsonNode folderCopy = AsyncJobsApiTest.finish(sb, ok(sb.post("/async/files/copy",
                Map.of("items", List.of(Map.of("file", run, "parent", dest)))), 200));
        String copiedRun = folderCopy.at("/result/0/resource/id").asText();
        JsonNode copiedBam = ok(sb.get("/files?parent=" + copiedRun + "&name=x.bam"), 200).at("/items/0");
        assertThat(copiedBam.get("id").asText()).isNotEqualTo(bam);
        assertThat(copiedBam.at("/_secondary_files/0/name").asText()).isEqualTo("x.bam.bai");
        assertThat(copiedBam.at("/_secondary_files/0/id").asText()).as("the copy's own index").isNotEqualTo(bai);

        JsonNode pairCopy = AsyncJobsApiTest.finish(sb, ok(sb.post("/async/files/copy", Map.of("items", List.of(
                Map.of("file", bam, "parent", dest), Map.of("file", bai, "parent", dest)))), 200));
        String pairBam = pairCopy.at("/result/0/resource/id").asText();
        String pairBai = pairCopy.at("/result/1/resource/id").asText();
        assertThat(secondaryIds(ok(sb.get("/files/" + pairBam), 200))).containsExactly(pairBai);
        assertThat(secondaryIds(ok(sb.get("/files/" + bam), 200))).as("the original keeps its own").containsExactly(bai);
    }

    private String upload(String path, String name, String content) {
        TestHttp.Response r = sc.upload(token, workspace, path.isEmpty() ? null : path, name,
                content.getBytes(StandardCharsets.UTF_8));
        assertThat(r.status()).as(r.json().toString()).isEqualTo(201);
        return r.json().get("file_id").asText();
    }

    private static List<String> secondaryIds(JsonNode file) {
        List<String> ids = new ArrayList<>();
        file.get("_secondary_files").forEach(f -> ids.add(f.get("id").asText()));
        return ids;
    }

    private static List<String> secondaryIdsOf(JsonNode page, String id) {
        for (JsonNode item : page.get("items")) {
            if (item.get("id").asText().equals(id)) {
                return secondaryIds(item);
            }
        }
        throw new AssertionError(id + " is not in " + page);
    }
}
