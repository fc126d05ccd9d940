package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * User strings that land in an indexed column are bounded when the request that supplies them
 * arrives, and refused there with a 400. PostgreSQL refuses an index entry over about 2.7 KB and
 * text with a NUL in it; unchecked, such a value failed only when its row was written: at publish
 * for an upload (500, and the session stuck COMPLETING until it expired), or on the edit itself.
 */
@OnEveryBackend
class IndexedValueLimitsTest extends BackendSuite {
    static ServerFixture fx;
    static SbHttp sb;
    static String project;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        fx = new ServerFixture(backend);
        ApiScenario sc = new ApiScenario(fx.http);
        sb = new SbHttp(fx.http, sc.user("ines", "files", "projects"));
        project = sc.project(sc.token("ines", "files", "projects"), "Limits", false).get("id").asText();
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fx.close();
    }

    @Test
    void anOriginTaskTooLongForItsIndexIsRefusedAtUploadInit() {
        int openBefore = ok(sb.get("/upload/multipart"), 200).get("items").size();
        var init = sb.post("/upload/multipart", Map.of("project", project, "name", "long-origin.bam", "size", 1,
                "part_size", 1024, "origin", Map.of("task", incompressible(3000))));
        expectInvalid(init, 90000, "origin task is 3000 bytes long");
        assertThat(ok(sb.get("/upload/multipart"), 200).get("items")).as("no upload was opened").hasSize(openBefore);

        String longest = incompressible(255);
        JsonNode file = upload("longest-origin.bam", Map.of("task", longest));
        assertThat(file.at("/origin/task").asText()).as("the limit itself is fine").isEqualTo(longest);
    }

    @Test
    void anOriginTaskWithAControlCharacterIsRefusedAtUploadInit() {
        var init = sb.post("/upload/multipart", Map.of("project", project, "name", "nul-origin.bam", "size", 1,
                "part_size", 1024, "origin", Map.of("task", "task\u0000one")));
        expectInvalid(init, 90000, "must not contain control characters");
    }

    @Test
    void anOriginTaskTooLongForItsIndexIsRefusedByBulkEditAndUpdate() {
        String id = upload("edited.bam", null).get("id").asText();
        for (String call : List.of("/bulk/files/edit", "/bulk/files/update")) {
            JsonNode answer = ok(sb.post(call, Map.of("items", List.of(
                    Map.of("id", id, "origin", Map.of("task", incompressible(3000)))))), 200);
            assertThat(answer.at("/items/0/error/status").asInt()).as(call + ": " + answer).isEqualTo(400);
            assertThat(answer.at("/items/0/error/code").asInt()).as(call).isEqualTo(90000);
        }
        assertThat(ok(sb.get("/files/" + id), 200).get("origin")).as("nothing was stored").isEmpty();
    }

    @Test
    void aMetadataValueWithANulIsRefused() {
        String id = upload("meta.vcf", null).get("id").asText();
        expectInvalid(sb.patch("/files/" + id + "/metadata", Map.of("sample", "S\u00001")), 5006,
                "must not contain a NUL character");
        expectInvalid(sb.put("/files/" + id + "/metadata", Map.of("sample", "S\u00001")), 5006,
                "must not contain a NUL character");
        assertThat(ok(sb.get("/files/" + id + "/metadata"), 200)).isEmpty();
    }

    /** A v2 upload into a deep folder: its v1 key (folder key + name) has the v1 key's limit, checked at init. */
    @Test
    void aNameThatMakesTheKeyTooLongIsRefusedAtUploadInit() {
        String parent = ok(sb.get("/projects/" + project), 200).get("root_folder").asText();
        for (char c = 'a'; c <= 'd'; c++) {
            parent = ok(sb.post("/files", Map.of("name", String.valueOf(c).repeat(250), "type", "folder",
                    "parent", parent)), 200).get("id").asText();
        }
        // The folder's key is 4 × 251 = 1004 bytes; a 20-character name fits, a 21-character one does not.
        var init = sb.post("/upload/multipart", Map.of("parent", parent, "name", "x".repeat(21), "size", 1,
                "part_size", 1024));
        expectInvalid(init, 5024, "key is 1025 bytes long; the limit is 1024");
        var fits = sb.post("/upload/multipart", Map.of("parent", parent, "name", "x".repeat(20), "size", 1,
                "part_size", 1024));
        ok(fits, 200);
    }

    private static JsonNode upload(String name, Map<String, String> origin) {
        var body = new java.util.HashMap<String, Object>(Map.of("project", project, "name", name, "size", 1,
                "part_size", 1024));
        if (origin != null) {
            body.put("origin", origin);
        }
        String uid = ok(sb.post("/upload/multipart", body), 200).get("upload_id").asText();
        String url = ok(sb.get("/upload/multipart/" + uid + "/part/1"), 200).get("url").asText();
        TestHttp.Response put = fx.http.send("PUT", url, null, null, new byte[] {7});
        assertThat(put.status()).isEqualTo(200);
        String etag = put.header("ETag").replace("\"", "");
        ok(sb.post("/upload/multipart/" + uid + "/part/", ClientParts.report(1, etag)), 204);
        return ok(sb.post("/upload/multipart/" + uid + "/complete", "null"), 200);
    }

    private static void expectInvalid(TestHttp.Response r, int code, String message) {
        JsonNode body = r.json();
        assertThat(r.status()).as(body.toString()).isEqualTo(400);
        assertThat(body.get("code").asInt()).as(body.toString()).isEqualTo(code);
        assertThat(body.get("message").asText()).contains(message);
    }

    /** Letters and digits drawn at random: PostgreSQL compresses an index entry, and this does not compress. */
    private static String incompressible(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        Random random = new Random(length);
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
