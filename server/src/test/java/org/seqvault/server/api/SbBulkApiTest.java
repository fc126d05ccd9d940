package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** /v2/bulk/files: one result per item in input order, failures as items, update resets and edit merges. */
@OnEveryBackend
class SbBulkApiTest extends BackendSuite {
    private static final String NO_SUCH_ID = "0123456789abcdef01234567";
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
    void getUpdateEditDelete() throws Exception {
        Golden golden = fx.golden();
        String hana = sc.user("hana", "files", "projects");
        SbHttp sb = new SbHttp(http, hana);
        String pid = sc.project(hana, "Bulk", false).get("id").asText();
        String folder = ok(sb.post("/files", Map.of("name", "raw", "type", "folder", "project", pid)), 200).get("id").asText();
        String a = sb.upload("project", pid, "a.vcf", new byte[] {1}, 1024).get("id").asText();
        String b = sb.upload("project", pid, "b.vcf", new byte[] {2}, 1024).get("id").asText();
        String c = sb.upload("project", pid, "c.vcf", new byte[] {3}, 1024).get("id").asText();
        sb.patch("/files/" + b + "/metadata", Map.of("sample", "S2"));
        sb.put("/files/" + b + "/tags", List.of("old"));

        JsonNode got = ok(sb.post("/bulk/files/get", Map.of("file_ids", List.of(a, NO_SUCH_ID, folder))), 200);
        golden.assertMatches("v2-bulk-get", got);
        assertThat(got.at("/items/0/resource/id").asText()).isEqualTo(a);
        assertThat(got.at("/items/1/error/code").asInt()).isEqualTo(5002);
        assertThat(got.at("/items/2/resource/type").asText()).isEqualTo("folder");

        String task = "0f0e0d0c-0000-4000-8000-000000000001";
        List<Map<String, Object>> updates = List.of(
                Map.of("id", a, "name", "a2.vcf", "tags", List.of("x"), "metadata", Map.of("k", "v")),
                Map.of("id", b),
                Map.of("file_id", c, "name", "c.vcf", "tags", List.of(), "metadata", Map.of(),
                        "origin", Map.of("task", task)),
                Map.of("id", folder, "name", "raw", "tags", List.of(), "metadata", Map.of()),
                Map.of("id", NO_SUCH_ID, "name", "x"));
        JsonNode updated = ok(sb.post("/bulk/files/update", Map.of("items", updates)), 200);
        golden.assertMatches("v2-bulk-update", updated);
        assertThat(updated.at("/items/1/resource/name").asText()).as("name kept").isEqualTo("b.vcf");
        assertThat(updated.at("/items/1/resource/metadata")).as("metadata reset").isEmpty();
        assertThat(updated.at("/items/1/resource/tags")).as("tags reset").isEmpty();
        assertThat(updated.at("/items/2/resource/origin/task").asText()).isEqualTo(task);
        assertThat(updated.at("/items/4/error/code").asInt()).isEqualTo(5002);

        Map<String, Object> mergeIn = new HashMap<>();
        mergeIn.put("k2", "v2");
        mergeIn.put("k", null);
        List<Map<String, Object>> edits = List.of(
                Map.of("id", a, "metadata", mergeIn),
                Map.of("id", b, "tags", List.of("t")),
                Map.of("id", folder, "tags", List.of("y")),
                Map.of("id", c, "name", "a2.vcf"));
        JsonNode edited = ok(sb.post("/bulk/files/edit", Map.of("items", edits)), 200);
        golden.assertMatches("v2-bulk-edit", edited);
        assertThat(edited.at("/items/0/resource/metadata").toString()).isEqualTo("{\"k2\":\"v2\"}");
        assertThat(edited.at("/items/0/resource/tags").toString()).as("tags kept").isEqualTo("[\"x\"]");
        assertThat(edited.at("/items/2/error/code").asInt()).isEqualTo(5027);
        assertThat(edited.at("/items/3/error/code").asInt()).isEqualTo(5003);

        JsonNode deleted = ok(sb.post("/bulk/files/delete", Map.of("file_ids", List.of(b, b, folder))), 200);
        golden.assertMatches("v2-bulk-delete", deleted);
        assertThat(deleted.at("/items/0/resource/tags").toString()).as("the file as it was").isEqualTo("[\"t\"]");
        assertThat(deleted.at("/items/1/error/code").asInt()).as("already gone").isEqualTo(5002);
        assertThat(sb.get("/files/" + b).status()).isEqualTo(404);
        assertThat(sb.get("/files/" + folder).status()).isEqualTo(404);
    }
}
