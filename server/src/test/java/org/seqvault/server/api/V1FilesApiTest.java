package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** The workspace files API over real HTTP, answers compared whole with golden files. */
@OnEveryBackend
class V1FilesApiTest extends BackendSuite {
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

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void formUploadListDownloadDelete() throws Exception {
        Golden golden = fx.golden();
        String alice = sc.user("alice", "files", "projects");
        JsonNode ws = sc.workspace(alice, "Trio WGS");
        golden.assertMatches("v1-workspace-create", ws);
        String wsId = ws.get("workspace_id").asText();

        byte[] vcf = "##fileformat=VCFv4.2\n#CHROM\tPOS\n".getBytes(StandardCharsets.UTF_8);
        var up = sc.upload(alice, wsId, "raw/", "sample.vcf", vcf, "description", "trio sample");
        assertThat(up.status()).isEqualTo(201);
        golden.assertMatches("v1-upload", up.json());
        assertThat(up.json().get("sha256").asText()).isEqualTo(sha256(vcf));

        sc.upload(alice, wsId, "raw/sub", "b.bam", new byte[] {1, 2, 3});
        sc.upload(alice, wsId, null, "top.txt", new byte[0]);
        var list = http.get("/v1/files?workspace_id=" + wsId, alice);
        assertThat(list.status()).isEqualTo(200);
        golden.assertMatches("v1-list", list.json());

        var prefixed = http.get("/v1/files?workspace_id=" + wsId + "&prefix=raw/&limit=1", alice);
        golden.assertMatches("v1-list-prefix-page1", prefixed.json());
        String cursor = prefixed.json().get("next_cursor").asText();
        var page2 = http.get("/v1/files?workspace_id=" + wsId + "&prefix=raw/&limit=1&cursor=" + q(cursor), alice);
        golden.assertMatches("v1-list-prefix-page2", page2.json());
        assertThat(page2.json().get("next_cursor").isNull()).isTrue();

        var dl = http.get("/v1/files/download?workspace_id=" + wsId + "&key=" + q("raw/sample.vcf"), alice);
        assertThat(dl.status()).isEqualTo(200);
        golden.assertMatches("v1-download", dl.json());
        String url = dl.json().get("url").asText();
        var bytes = http.send("GET", url, null, null, null);
        assertThat(bytes.status()).isEqualTo(200);
        assertThat(bytes.bytes()).isEqualTo(vcf);
        assertThat(bytes.header("Content-Length")).isEqualTo(String.valueOf(vcf.length));

        var range = http.send("GET", url, null, null, null, "Range", "bytes=2-1000");
        assertThat(range.status()).isEqualTo(206);
        assertThat(range.header("Content-Range")).isEqualTo("bytes 2-" + (vcf.length - 1) + "/" + vcf.length);
        assertThat(range.bytes()).isEqualTo(java.util.Arrays.copyOfRange(vcf, 2, vcf.length));
        var suffix = http.send("GET", url, null, null, null, "Range", "bytes=-4");
        assertThat(suffix.bytes()).isEqualTo(java.util.Arrays.copyOfRange(vcf, vcf.length - 4, vcf.length));
        var beyond = http.send("GET", url, null, null, null, "Range", "bytes=5000-");
        assertThat(beyond.status()).isEqualTo(416);

        // The file name is signed, in SeqVault's own download URL on every backend.
        assertThat(url).contains("sample.vcf");
        var tampered = http.send("GET", url.replace("sample.vcf", "sample.bam"), null, null, null);
        assertThat(tampered.status()).isEqualTo(403);
        golden.assertMatches("v1-error-tampered-url", tampered.json());

        var del = http.delete("/v1/files?workspace_id=" + wsId + "&key=" + q("raw/sample.vcf"), alice);
        assertThat(del.status()).isEqualTo(204);
        var again = http.delete("/v1/files?workspace_id=" + wsId + "&key=" + q("raw/sample.vcf"), alice);
        assertThat(again.status()).isEqualTo(404);
        golden.assertMatches("v1-error-not-found", again.json());
    }

    @Test
    void overwriteSemantics() throws Exception {
        Golden golden = fx.golden();
        String bob = sc.user("bob", "files", "projects");
        String wsId = sc.workspace(bob, "Overwrites").get("workspace_id").asText();
        var first = sc.upload(bob, wsId, "x/", "a.txt", "one".getBytes(StandardCharsets.UTF_8));
        assertThat(first.status()).isEqualTo(201);
        var conflict = sc.upload(bob, wsId, "x/", "a.txt", "two".getBytes(StandardCharsets.UTF_8));
        assertThat(conflict.status()).isEqualTo(409);
        golden.assertMatches("v1-error-conflict", conflict.json());
        var replaced = sc.upload(bob, wsId, "x/", "a.txt", "two!".getBytes(StandardCharsets.UTF_8), "overwrite", "true");
        assertThat(replaced.status()).isEqualTo(201);
        assertThat(replaced.json().get("size").asLong()).isEqualTo(4);
        var list = http.get("/v1/files?workspace_id=" + wsId, bob).json().get("files");
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("size").asLong()).isEqualTo(4);
    }

    @Test
    void presignedPutAndConfirm() throws Exception {
        Golden golden = fx.golden();
        String carol = sc.user("carol", "files", "projects");
        String wsId = sc.workspace(carol, "Large").get("workspace_id").asText();
        byte[] content = new byte[300_000];
        new java.util.Random(7).nextBytes(content);
        var ticket = http.postJson("/v1/files/upload-url", carol, Map.of("filename", "big.bam", "workspace_id", wsId,
                "size", content.length, "content_type", "application/octet-stream", "path", "bam/"));
        assertThat(ticket.status()).isEqualTo(201);
        golden.assertMatches("v1-upload-url", ticket.json());
        var put = http.send("PUT", ticket.json().get("uploadUrl").asText(), null, "application/octet-stream", content);
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.header("ETag")).isNotBlank();

        Map<String, Object> confirm = Map.of("file_key", ticket.json().get("fileKey").asText(), "workspace_id", wsId,
                "filename", "big.bam", "size", content.length, "sha256", sha256(content));
        var done = http.postJson("/v1/files/upload-confirm", carol, confirm);
        assertThat(done.status()).as(done.json().toString()).isEqualTo(201);
        golden.assertMatches("v1-upload-confirm", done.json());
        var twice = http.postJson("/v1/files/upload-confirm", carol, confirm);
        assertThat(twice.status()).isEqualTo(201);
        assertThat(twice.json()).isEqualTo(done.json());

        var ticket2 = http.postJson("/v1/files/upload-url", carol, Map.of("filename", "short.bam", "workspace_id", wsId,
                "size", 10));
        http.send("PUT", ticket2.json().get("uploadUrl").asText(), null, null, new byte[9]);
        var mismatch = http.postJson("/v1/files/upload-confirm", carol, Map.of("file_key",
                ticket2.json().get("fileKey").asText(), "workspace_id", wsId, "filename", "short.bam", "size", 10));
        assertThat(mismatch.status()).isEqualTo(422);
        golden.assertMatches("v1-error-size-mismatch", mismatch.json());
        assertThat(http.get("/v1/files?workspace_id=" + wsId + "&prefix=short", carol).json().get("files")).isEmpty();
    }

    @Test
    void multiPartUploadOverSinglePutLimit() throws Exception {
        Golden golden = fx.golden();
        String dave = sc.user("dave", "files", "projects");
        String wsId = sc.workspace(dave, "Parts").get("workspace_id").asText();
        long size = ServerFixture.SINGLE_PUT_LIMIT * 2 + 123;
        byte[] content = new byte[(int) size];
        new java.util.Random(11).nextBytes(content);
        var ticket = http.postJson("/v1/files/upload-url", dave, Map.of("filename", "genome.cram",
                "workspace_id", wsId, "size", size));
        assertThat(ticket.status()).isEqualTo(201);
        golden.assertMatches("v1-upload-url-parts", ticket.json());
        long partSize = ticket.json().get("partSize").asLong();
        List<Map<String, Object>> etags = new java.util.ArrayList<>();
        JsonNode parts = ticket.json().get("parts");
        for (int i = parts.size() - 1; i >= 0; i--) {
            int n = parts.get(i).get("partNumber").asInt();
            int from = (int) ((n - 1) * partSize);
            int to = (int) Math.min(size, n * partSize);
            var put = http.send("PUT", parts.get(i).get("uploadUrl").asText(), null, null,
                    java.util.Arrays.copyOfRange(content, from, to));
            assertThat(put.status()).isEqualTo(200);
            etags.add(Map.of("partNumber", n, "etag", put.header("ETag")));
        }
        var done = http.postJson("/v1/files/upload-confirm", dave, Map.of("file_key", ticket.json().get("fileKey").asText(),
                "workspace_id", wsId, "filename", "genome.cram", "size", size, "parts", etags));
        assertThat(done.status()).as(done.json().toString()).isEqualTo(201);
        assertThat(done.json().get("sha256").asText()).isEqualTo(sha256(content));
        var dl = http.get("/v1/files/download?workspace_id=" + wsId + "&key=genome.cram", dave);
        assertThat(http.send("GET", dl.json().get("url").asText(), null, null, null).bytes()).isEqualTo(content);
    }

    @Test
    void errorsInTheV1Format() throws Exception {
        Golden golden = fx.golden();
        String erin = sc.user("erin", "files", "projects");
        String wsId = sc.workspace(erin, "Errors").get("workspace_id").asText();
        String frank = sc.user("frank", "files");
        String projectsOnly = sc.token("erin", "projects");

        golden.assertMatches("v1-error-unauthorized", http.get("/v1/files?workspace_id=" + wsId, null).json());
        assertThat(http.get("/v1/files?workspace_id=" + wsId, "svt_bogus").status()).isEqualTo(401);
        var scope = http.get("/v1/files?workspace_id=" + wsId, projectsOnly);
        assertThat(scope.status()).isEqualTo(403);
        golden.assertMatches("v1-error-missing-scope", scope.json());
        // The scope is checked before the form is read: even a form that is wrong in itself gets 403.
        var uploadScope = http.send("POST", "/v1/files/upload", projectsOnly, "multipart/form-data; boundary=x",
                "--x--\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(uploadScope.status()).isEqualTo(403);
        assertThat(uploadScope.json().get("error").get("code").asText()).isEqualTo("missing_scope");
        var nonMember = http.get("/v1/files?workspace_id=" + wsId, frank);
        assertThat(nonMember.status()).isEqualTo(404);
        assertThat(nonMember.json().toString()).doesNotContain("Errors");
        var badLimit = http.get("/v1/files?workspace_id=" + wsId + "&limit=5000", erin);
        assertThat(badLimit.status()).isEqualTo(400);
        golden.assertMatches("v1-error-invalid-request", badLimit.json());
        var notForm = http.send("POST", "/v1/files/upload", erin, "text/plain", new byte[] {1});
        assertThat(notForm.status()).isEqualTo(415);
        golden.assertMatches("v1-error-unsupported-media-type", notForm.json());
        var tooLarge = sc.upload(erin, wsId, null, "huge.bin", new byte[(int) ServerFixture.FORM_LIMIT + 1]);
        assertThat(tooLarge.status()).isEqualTo(413);
        golden.assertMatches("v1-error-payload-too-large", tooLarge.json());
        var badJson = http.sendJson("POST", "/v1/files/upload-url", erin, "{not json");
        assertThat(badJson.status()).isEqualTo(400);
        var badKey = http.get("/v1/files/download?workspace_id=" + wsId + "&key=" + q("raw/../etc/passwd"), erin);
        assertThat(badKey.status()).isEqualTo(400);
        var unknownRoute = http.get("/v1/nothing-here", erin);
        assertThat(unknownRoute.status()).isEqualTo(404);
        assertThat(unknownRoute.json().get("error").get("code").asText()).isEqualTo("not_found");

        sc.addMember(erin, projectOf(erin, wsId), "frank", Map.of("read", true));
        var readOnly = sc.upload(frank, wsId, null, "x.txt", new byte[] {1});
        assertThat(readOnly.status()).isEqualTo(403);
        golden.assertMatches("v1-error-forbidden", readOnly.json());

        var ticket = http.postJson("/v1/files/upload-url", erin, Map.of("filename", "c.txt", "workspace_id", wsId, "size", 3));
        http.send("PUT", ticket.json().get("uploadUrl").asText(), null, null, "abc".getBytes(StandardCharsets.UTF_8));
        var checksum = http.postJson("/v1/files/upload-confirm", erin, Map.of("file_key", ticket.json().get("fileKey").asText(),
                "workspace_id", wsId, "filename", "c.txt", "size", 3, "md5", "00000000000000000000000000000000"));
        assertThat(checksum.status()).isEqualTo(422);
        golden.assertMatches("v1-error-checksum-mismatch", checksum.json());
    }

    @Test
    void revokedTokenStopsAtOnce() {
        String gina = sc.user("gina", "files", "projects", "tokens");
        var own = http.postJson("/v1/tokens", gina, Map.of("scopes", List.of("files"), "description", "laptop"));
        assertThat(own.status()).isEqualTo(201);
        String secret = own.json().get("token").asText();
        assertThat(http.get("/v1/workspaces", secret).status()).isEqualTo(200);
        var tokens = http.get("/v1/tokens", gina);
        assertThat(tokens.json().toString()).doesNotContain(secret);
        assertThat(http.delete("/v1/tokens/" + own.json().get("id").asText(), gina).status()).isEqualTo(204);
        assertThat(http.get("/v1/workspaces", secret).status()).isEqualTo(401);
        var wider = http.postJson("/v1/tokens", sc.token("gina", "files", "tokens"), Map.of("scopes", List.of("admin")));
        assertThat(wider.status()).isEqualTo(403);
    }

    static String projectOf(String token, String wsId) {
        for (JsonNode w : http.get("/v1/workspaces", token).json().get("workspaces")) {
            if (w.get("workspace_id").asText().equals(wsId)) {
                return w.get("project").asText();
            }
        }
        throw new AssertionError("no workspace " + wsId);
    }
}
