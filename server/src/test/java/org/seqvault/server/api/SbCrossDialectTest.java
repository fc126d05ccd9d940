package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** One namespace, two dialects: what v1 writes by key, v2 sees by id, and the other way round. */
@OnEveryBackend
class SbCrossDialectTest extends BackendSuite {
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
        token = sc.user("user" + (++users), "files", "projects");
        sb = new SbHttp(http, token);
        JsonNode p = sc.project(token, "Shared", false);
        project = p.get("id").asText();
        workspace = p.get("workspace_id").asText();
    }

    @Test
    void aV1UploadIsAFileInItsFolderOnV2() throws Exception {
        byte[] vcf = "##fileformat=VCFv4.2\n".getBytes(StandardCharsets.UTF_8);
        JsonNode v1 = sc.upload(token, workspace, "raw/", "x.vcf", vcf).json();
        JsonNode raw = ok(sb.get("/files?project=" + project + "&name=raw"), 200).at("/items/0");
        assertThat(raw.get("type").asText()).isEqualTo("folder");
        JsonNode file = ok(sb.get("/files?parent=" + raw.get("id").asText()), 200).at("/items/0");
        assertThat(file.get("id").asText()).isEqualTo(v1.get("file_id").asText());
        assertThat(file.get("name").asText()).isEqualTo("x.vcf");
        assertThat(file.get("size").asLong()).isEqualTo(vcf.length);
        assertThat(md5(v2Bytes(file.get("id").asText()))).isEqualTo(v1.get("md5").asText());

        String id = file.get("id").asText();
        sb.patch("/files/" + id + "/metadata", Map.of("sample_id", "S1"));
        sb.put("/files/" + id + "/tags", List.of("trio"));
        String inRaw = "/files?parent=" + raw.get("id").asText();
        assertThat(ok(sb.get(inRaw + "&metadata.sample_id=S1&tag=trio"), 200).at("/items/0/id").asText()).isEqualTo(id);
        JsonNode again = v1File("raw/x.vcf");
        assertThat(again.get("md5").asText()).as("metadata changes leave the bytes alone").isEqualTo(v1.get("md5").asText());
        assertThat(again.get("file_id").asText()).isEqualTo(id);
    }

    @Test
    void aV2UploadIntoAFolderIsListedByV1UnderItsKey() throws Exception {
        String results = ok(sb.post("/files", Map.of("name", "results", "type", "folder", "project", project)), 200)
                .get("id").asText();
        String sub = ok(sb.post("/files", Map.of("name", "sub", "type", "folder", "parent", results)), 200)
                .get("id").asText();
        byte[] content = "ACGTACGT".getBytes(StandardCharsets.UTF_8);
        JsonNode file = sb.upload("parent", sub, "y.bam", content, 3);
        JsonNode v1 = v1File("results/sub/y.bam");
        assertThat(v1.get("file_id").asText()).isEqualTo(file.get("id").asText());
        assertThat(v1.get("md5").asText()).isEqualTo(md5(content));
        var dl = http.get("/v1/files/download?workspace_id=" + workspace + "&key=" + q("results/sub/y.bam"), token);
        assertThat(http.send("GET", ok(dl, 200).get("url").asText(), null, null, null).bytes()).isEqualTo(content);
    }

    @Test
    void renamesAndMovesOnV2ChangeTheV1Key() throws Exception {
        String id = sc.upload(token, workspace, "in/", "a.txt", new byte[] {7}).json().get("file_id").asText();
        String out = ok(sb.post("/files", Map.of("name", "out", "type", "folder", "project", project)), 200)
                .get("id").asText();
        ok(sb.patch("/files/" + id, Map.of("name", "b.txt")), 200);
        assertThat(v1Keys()).containsExactly("in/b.txt");
        ok(sb.post("/files/" + id + "/actions/move", Map.of("parent", out, "name", "c.txt")), 200);
        assertThat(v1Keys()).containsExactly("out/c.txt");
        assertThat(http.get("/v1/files/download?workspace_id=" + workspace + "&key=in/b.txt", token).status())
                .isEqualTo(404);
        JsonNode copy = ok(sb.post("/files/" + id + "/actions/copy", Map.of("project", project)), 200);
        assertThat(v1Keys()).containsExactly("c.txt", "out/c.txt");
        assertThat(v1File("c.txt").get("md5")).isEqualTo(v1File("out/c.txt").get("md5"));
        assertThat(v1File("c.txt").get("file_id").asText()).isEqualTo(copy.get("id").asText());
    }

    @Test
    void deletingThroughEitherRemovesFromBoth() throws Exception {
        String viaV1 = sc.upload(token, workspace, null, "one.txt", new byte[] {1}).json().get("file_id").asText();
        String viaV2 = sc.upload(token, workspace, null, "two.txt", new byte[] {2}).json().get("file_id").asText();
        assertThat(http.delete("/v1/files?workspace_id=" + workspace + "&key=one.txt", token).status()).isEqualTo(204);
        assertThat(sb.get("/files/" + viaV1).status()).isEqualTo(404);
        assertThat(sb.delete("/files/" + viaV2).status()).isEqualTo(204);
        assertThat(v1Keys()).isEmpty();
        assertThat(ok(sb.get("/files?project=" + project), 200).get("items")).isEmpty();
    }

    private JsonNode v1File(String key) {
        for (JsonNode f : ok(http.get("/v1/files?workspace_id=" + workspace, token), 200).get("files")) {
            if (f.get("key").asText().equals(key)) {
                return f;
            }
        }
        throw new AssertionError("v1 lists no key " + key + "; it has " + v1Keys());
    }

    private List<String> v1Keys() {
        List<String> keys = new ArrayList<>();
        ok(http.get("/v1/files?workspace_id=" + workspace, token), 200).get("files").forEach(f -> keys.add(f.get("key").asText()));
        return keys;
    }

    private byte[] v2Bytes(String fileId) {
        String url = ok(sb.get("/files/" + fileId + "/download_info"), 200).get("url").asText();
        return http.send("GET", url, null, null, null).bytes();
    }

    static String md5(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(b));
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
