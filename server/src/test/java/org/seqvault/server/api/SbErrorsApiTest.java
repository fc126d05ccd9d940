package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** Every error of the files catalogue (spec §10) at least once, in the Seven Bridges error format. */
@OnEveryBackend
class SbErrorsApiTest extends BackendSuite {
    private static final String NO_SUCH_ID = "0123456789abcdef01234567";
    static ServerFixture fx;
    static TestHttp http;
    static ApiScenario sc;
    static SbHttp olga;
    static String project;
    static String otherProject;
    static String folder;
    static String fullFolder;
    static String file;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        fx = new ServerFixture(backend);
        http = fx.http;
        sc = new ApiScenario(http);
        olga = new SbHttp(http, sc.user("olga", "files", "projects"));
        project = sc.project(olgaToken(), "Errors", false).get("id").asText();
        otherProject = sc.project(olgaToken(), "Elsewhere", false).get("id").asText();
        folder = ok(olga.post("/files", Map.of("name", "raw", "type", "folder", "project", project)), 200).get("id").asText();
        fullFolder = ok(olga.post("/files", Map.of("name", "full", "type", "folder", "project", project)), 200)
                .get("id").asText();
        file = olga.upload("parent", folder, "a.vcf", new byte[] {1, 2, 3}, 1024).get("id").asText();
        olga.upload("parent", fullFolder, "b.vcf", new byte[] {4}, 1024);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fx.close();
    }

    private static String olgaToken() {
        return sc.token("olga", "files", "projects");
    }

    /** Asserts status and code, that the body's status is the HTTP status, and the golden file. */
    static void expect(Golden golden, String name, TestHttp.Response r, int status, int code) throws Exception {
        JsonNode body = r.json();
        assertThat(r.status()).as(body.toString()).isEqualTo(status);
        assertThat(body.get("status").asInt()).isEqualTo(status);
        assertThat(body.get("code").asInt()).as(body.toString()).isEqualTo(code);
        golden.assertMatches(name, body);
    }

    @Test
    void authenticationAndAccess() throws Exception {
        Golden golden = fx.golden();
        expect(golden, "v2-error-401", olga.as(null).get("/files/" + file), 401, 90001);
        assertThat(olga.as("svt_not-a-token").get("/files?project=" + project).status()).isEqualTo(401);

        String rita = sc.user("rita", "files");
        sc.addMember(olgaToken(), project, "rita", Map.of("read", true));
        expect(golden, "v2-error-403-forbidden", olga.as(rita).patch("/files/" + file, Map.of("name", "x.vcf")), 403, 5001);
        expect(golden, "v2-error-403-missing-scope", olga.as(sc.token("rita", "projects")).get("/files/" + file), 403, 90002);

        expect(golden, "v2-error-404-file", olga.get("/files/" + NO_SUCH_ID), 404, 5002);
        expect(golden, "v2-error-404-project", olga.get("/files?project=olga/nope"), 404, 3002);
        String otto = sc.user("otto", "files");
        var hidden = olga.as(otto).get("/files/" + file);
        assertThat(hidden.status()).as("a file in a project otto cannot read is not found").isEqualTo(404);
        assertThat(hidden.json().get("code").asInt()).isEqualTo(5002);
        assertThat(hidden.json().toString()).doesNotContain("a.vcf").doesNotContain("raw");
        var hiddenList = olga.as(otto).get("/files?parent=" + folder);
        assertThat(hiddenList.status()).isEqualTo(404);
        assertThat(olga.as(otto).get("/files?project=" + project).json().get("code").asInt()).isEqualTo(3002);
        assertThat(olga.as(otto).get("/files/" + file + "/download_info").status()).isEqualTo(404);
    }

    @Test
    void requestShape() throws Exception {
        Golden golden = fx.golden();
        expect(golden, "v2-error-400-project-id", olga.get("/files?project=not-a-project"), 400, 5005);
        expect(golden, "v2-error-400-project-and-parent", olga.get("/files?project=" + project + "&parent=" + folder),
                400, 5031);
        expect(golden, "v2-error-400-no-project-or-parent", olga.post("/files", Map.of("name", "f", "type", "folder")),
                400, 5029);
        expect(golden, "v2-error-400-bad-type", olga.post("/files", Map.of("name", "f", "type", "file", "project", project)),
                400, 5012);
        expect(golden, "v2-error-400-not-a-folder", olga.get("/files?parent=" + file), 400, 5022);
        expect(golden, "v2-error-404-folder", olga.post("/files/" + file + "/actions/copy", Map.of("parent", NO_SUCH_ID)),
                404, 5026);
        expect(golden, "v2-error-400-name", olga.patch("/files/" + file, Map.of("name", "a/b.vcf")), 400, 5024);
        expect(golden, "v2-error-400-metadata", olga.patch("/files/" + file + "/metadata", Map.of("k", "v".repeat(301))),
                400, 5006);
        var badJson = olga.post("/files", "{not json");
        assertThat(badJson.status()).isEqualTo(400);
        assertThat(badJson.json().get("code").asInt()).isEqualTo(90000);
        expect(golden, "v2-error-400-scroll-token", olga.get("/files/scroll?project=" + project + "&token=garbage"),
                400, 57001);
        assertThat(olga.get("/files/scroll?project=" + project + "&offset=5").status()).isEqualTo(400);
        assertThat(olga.get("/files/scroll?project=" + project + "&metadata.k=v").status()).isEqualTo(400);
        assertThat(olga.get("/files?project=" + project + "&offset=-1").status()).isEqualTo(400);
        assertThat(olga.get("/files?dataset=x/y").status()).isEqualTo(400);
        expect(golden, "v2-error-405", olga.put("/files/" + file, Map.of("name", "x")), 405, 90006);

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            ids.add(NO_SUCH_ID);
        }
        expect(golden, "v2-error-400-too-many-items", olga.post("/bulk/files/get", Map.of("file_ids", ids)), 400, 90000);
        expect(golden, "v2-error-400-action-copy-too-many",
                olga.post("/action/files/copy", Map.of("file_ids", ids, "project", project)), 400, 90000);
        expect(golden, "v2-error-400-action-copy-no-project",
                olga.post("/action/files/copy", Map.of("file_ids", List.of(file))), 400, 5029);
        expect(golden, "v2-error-400-action-copy-ids",
                olga.post("/action/files/copy", Map.of("file_ids", List.of(1, 2), "project", project)), 400, 90000);
        expect(golden, "v2-error-404-action-copy-project",
                olga.post("/action/files/copy", Map.of("file_ids", List.of(file), "project", "olga/nope")), 404, 3002);
        String reader = sc.user("rhea", "files");
        sc.addMember(olgaToken(), otherProject, "rhea", Map.of("read", true));
        expect(golden, "v2-error-403-action-copy-read-only", olga.as(reader).post("/action/files/copy",
                Map.of("file_ids", List.of(file), "project", otherProject)), 403, 5001);
    }

    @Test
    void namespaceRules() throws Exception {
        Golden golden = fx.golden();
        String elsewhere = ok(olga.get("/projects/" + otherProject), 200).get("root_folder").asText();
        expect(golden, "v2-error-400-move-across-projects",
                olga.post("/files/" + file + "/actions/move", Map.of("parent", elsewhere)), 400, 5015);
        expect(golden, "v2-error-400-folder-download", olga.get("/files/" + folder + "/download_info"), 400, 5017);
        expect(golden, "v2-error-400-folder-copy", olga.post("/files/" + folder + "/actions/copy",
                Map.of("project", otherProject)), 400, 5018);
        expect(golden, "v2-error-400-folder-not-empty", olga.delete("/files/" + fullFolder), 400, 5021);
        expect(golden, "v2-error-400-folder-rename", olga.patch("/files/" + folder, Map.of("name", "renamed")), 400, 5023);
        expect(golden, "v2-error-400-folder-metadata", olga.patch("/files/" + folder + "/metadata", Map.of("k", "v")),
                400, 5025);
        expect(golden, "v2-error-400-folder-tags", olga.put("/files/" + folder + "/tags", List.of("t")), 400, 5027);
        expect(golden, "v2-error-409-name-exists",
                olga.post("/files/" + file + "/actions/copy?on_clash=fail", Map.of("parent", folder)), 409, 5003);
        expect(golden, "v2-error-400-on-clash",
                olga.post("/files/" + file + "/actions/copy?on_clash=replace", Map.of("parent", folder)), 400, 90000);
        expect(golden, "v2-error-409-folder-exists",
                olga.post("/files", Map.of("name", "raw", "type", "folder", "project", project)), 409, 5030);
        assertThat(olga.post("/upload/multipart", Map.of("parent", folder, "name", "a.vcf", "size", 1, "part_size", 1024))
                .json().get("code").asInt()).as("upload onto an existing name").isEqualTo(5003);
        String root = ok(olga.get("/projects/" + project), 200).get("root_folder").asText();
        assertThat(olga.delete("/files/" + root).status()).as("a project's root folder stays").isEqualTo(400);
        assertThat(olga.patch("/files/" + root, Map.of("name", "top")).json().get("code").asInt()).isEqualTo(5023);
        TestHttp.Response full = olga.delete("/projects/" + project);
        assertThat(full.status()).as("a project with files stays").isEqualTo(409);
        assertThat(full.json().get("code").asInt()).isEqualTo(3009);
        String empty = sc.project(olgaToken(), "Empty", false).get("id").asText();
        assertThat(olga.delete("/projects/" + empty).status()).as("an empty project goes").isEqualTo(204);
        assertThat(olga.get("/projects/" + empty).status()).isEqualTo(404);
    }

    @Test
    void uploads() throws Exception {
        Golden golden = fx.golden();
        String uid = ok(olga.post("/upload/multipart", Map.of("project", project, "name", "parts.bin",
                "size", 2 * ServerFixture.PART_SIZE, "part_size", ServerFixture.PART_SIZE)), 200).get("upload_id").asText();
        expect(golden, "v2-error-400-part-number", olga.get("/upload/multipart/" + uid + "/part/3"), 400, 8012);
        assertThat(olga.get("/upload/multipart/" + uid + "/part/x").json().get("code").asInt()).isEqualTo(8012);
        String url = ok(olga.get("/upload/multipart/" + uid + "/part/1"), 200).get("url").asText();
        http.send("PUT", url, null, null, new byte[1024]);
        expect(golden, "v2-error-400-part-report",
                olga.post("/upload/multipart/" + uid + "/part/", ClientParts.report(1, "0".repeat(32))), 400, 8014);
        expect(golden, "v2-error-409-upload-incomplete", olga.post("/upload/multipart/" + uid + "/complete", "null"),
                409, 8007);
        expect(golden, "v2-error-404-upload", olga.get("/upload/multipart/up_aaaaaaaaaaaaaaaa"), 404, 8003);
        assertThat(olga.delete("/upload/multipart/up_aaaaaaaaaaaaaaaa").status()).isEqualTo(404);
        String vera = sc.user("vera", "files");
        expect(golden, "v2-error-403-upload-owner", olga.as(vera).get("/upload/multipart/" + uid), 403, 8001);
        expect(golden, "v2-error-400-upload-init", olga.post("/upload/multipart", Map.of("project", project, "name", "x")),
                400, 8013);
        expect(golden, "v2-error-400-upload-both", olga.post("/upload/multipart", Map.of("project", project,
                "parent", folder, "name", "x", "size", 1)), 400, 5031);
    }
}
