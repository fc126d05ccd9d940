package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** A public project (like admin/sbg-public-data): every user reads, downloads and copies; nobody else changes it. */
@OnEveryBackend
class SbPublicProjectTest extends BackendSuite {
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
    void anyoneReadsAndCopiesNobodyElseChanges() throws Exception {
        String owner = sc.user("curator", "files", "projects");
        SbHttp admin = new SbHttp(http, owner);
        String pub = sc.project(owner, "Public Data", true).get("id").asText();
        String refs = ok(admin.post("/files", Map.of("name", "refs", "type", "folder", "project", pub)), 200)
                .get("id").asText();
        byte[] fasta = ">chr1\nACGT\n".getBytes(StandardCharsets.UTF_8);
        String file = admin.upload("parent", refs, "b37.fa", fasta, 1024).get("id").asText();

        String reader = sc.user("reader", "files", "projects");
        SbHttp sb = new SbHttp(http, reader);
        assertThat(SbFilesApiTest.names(sb, "/files?project=" + pub)).containsExactly("refs");
        assertThat(SbFilesApiTest.names(sb, "/files?parent=" + refs)).containsExactly("b37.fa");
        assertThat(ok(sb.get("/files/" + file), 200).get("name").asText()).isEqualTo("b37.fa");
        String url = ok(sb.get("/files/" + file + "/download_info"), 200).get("url").asText();
        assertThat(http.send("GET", url, null, null, null).bytes()).isEqualTo(fasta);

        String own = sc.project(reader, "Mine", false).get("id").asText();
        JsonNode copy = ok(sb.post("/files/" + file + "/actions/copy", Map.of("project", own)), 200);
        assertThat(copy.get("project").asText()).isEqualTo(own);
        String copyUrl = ok(sb.get("/files/" + copy.get("id").asText() + "/download_info"), 200).get("url").asText();
        assertThat(http.send("GET", copyUrl, null, null, null).bytes()).isEqualTo(fasta);

        String ownFile = sb.upload("project", own, "mine.txt", new byte[] {1}, 1024).get("id").asText();
        List<TestHttp.Response> changes = List.of(
                sb.patch("/files/" + file, Map.of("name", "x.fa")),
                sb.patch("/files/" + file + "/metadata", Map.of("k", "v")),
                sb.put("/files/" + file + "/metadata", Map.of("k", "v")),
                sb.put("/files/" + file + "/tags", List.of("t")),
                sb.delete("/files/" + file),
                sb.delete("/files/" + refs),
                sb.post("/files/" + file + "/actions/move", Map.of("project", pub, "name", "moved.fa")),
                sb.post("/files/" + ownFile + "/actions/copy", Map.of("parent", refs)),
                sb.post("/files", Map.of("name", "mine", "type", "folder", "project", pub)),
                sb.post("/upload/multipart", Map.of("project", pub, "name", "new.fa", "size", 1, "part_size", 1024)));
        for (TestHttp.Response r : changes) {
            assertThat(r.status()).as(r.json().toString()).isEqualTo(403);
            assertThat(r.json().get("code").asInt()).isEqualTo(5001);
        }
        JsonNode bulk = ok(sb.post("/bulk/files/delete", Map.of("file_ids", List.of(file))), 200);
        assertThat(bulk.at("/items/0/error/status").asInt()).isEqualTo(403);
        assertThat(SbFilesApiTest.names(admin, "/files?parent=" + refs)).containsExactly("b37.fa");

        String privateProject = sc.project(owner, "Private", false).get("id").asText();
        assertThat(sb.get("/files?project=" + privateProject).status()).isEqualTo(404);
    }
}
