package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * A download URL names a file, not its bytes: once the file is deleted (or replaced) its URLs
 * answer a plain 404 at once, on every backend, even while a copy keeps the bytes alive, and
 * still after the collector has reclaimed them. The copy's own URLs keep working.
 */
@OnEveryBackend
class DeletedFileUrlTest extends BackendSuite {
    private static final String DELETED = "this file was deleted";
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
    void aDeletedFilesUrlStopsAtOnceWhileItsCopysUrlWorks() throws Exception {
        String dora = sc.user("dora", "files", "projects");
        JsonNode workspace = sc.workspace(dora, "Deletes");
        String ws = workspace.get("workspace_id").asText();
        byte[] content = "##fileformat=VCFv4.2\n#CHROM\tPOS\n".getBytes(StandardCharsets.UTF_8);
        JsonNode original = sc.upload(dora, ws, "raw/", "a.vcf", content).json();
        SbHttp sb = new SbHttp(http, dora);
        String copyId = ok(sb.post("/files/" + original.get("file_id").asText() + "/actions/copy",
                Map.of("project", workspace.get("project").asText(), "name", "copy.vcf")), 200).get("id").asText();

        String originalUrl = v1Url(dora, ws, "raw/a.vcf");
        String copyUrl = ok(sb.get("/files/" + copyId + "/download_info"), 200).get("url").asText();
        assertThat(http.send("GET", originalUrl, null, null, null).bytes()).isEqualTo(content);

        assertThat(http.delete("/v1/files?workspace_id=" + ws + "&key=raw/a.vcf", dora).status()).isEqualTo(204);
        expectDeleted(http.send("GET", originalUrl, null, null, null));
        expectDeleted(http.send("GET", originalUrl, null, null, null, "Range", "bytes=0-9"));
        assertThat(http.send("HEAD", originalUrl, null, null, null).status()).isEqualTo(404);
        TestHttp.Response copy = http.send("GET", copyUrl, null, null, null);
        assertThat(copy.status()).as("the copy's URL, over the same bytes").isEqualTo(200);
        assertThat(copy.bytes()).isEqualTo(content);

        // The copy goes too, and the collector reclaims the bytes: still "deleted", not "missing".
        assertThat(sb.delete("/files/" + copyId).status()).isEqualTo(204);
        fx.server.collectNow();
        expectDeleted(http.send("GET", originalUrl, null, null, null));
        expectDeleted(http.send("GET", copyUrl, null, null, null));
    }

    @Test
    void aReplacedFilesUrlStopsAtOnce() {
        String rita = sc.user("rita", "files", "projects");
        String ws = sc.workspace(rita, "Replaces").get("workspace_id").asText();
        sc.upload(rita, ws, null, "calls.vcf", "first".getBytes(StandardCharsets.UTF_8));
        String before = v1Url(rita, ws, "calls.vcf");
        var replaced = sc.upload(rita, ws, null, "calls.vcf", "second".getBytes(StandardCharsets.UTF_8),
                "overwrite", "true");
        assertThat(replaced.status()).isEqualTo(201);

        expectDeleted(http.send("GET", before, null, null, null));
        assertThat(http.send("GET", v1Url(rita, ws, "calls.vcf"), null, null, null).bytes())
                .isEqualTo("second".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Local files are served by SeqVault; an S3 file is redirected, after the check, to a
     * short-lived URL of the object store, and the redirect is never cached.
     */
    @Test
    void theUrlIsCheckedOnEveryRequestThenServedOrRedirected() throws Exception {
        String otto = sc.user("otto", "files", "projects");
        String ws = sc.workspace(otto, "Redirects").get("workspace_id").asText();
        sc.upload(otto, ws, null, "r.bin", new byte[] {1, 2, 3});
        String url = v1Url(otto, ws, "r.bin");
        try (HttpClient noRedirects = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> r = noRedirects.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (fx.blobsServedBySeqVault()) {
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).containsExactly(1, 2, 3);
            } else {
                assertThat(r.statusCode()).isEqualTo(307);
                assertThat(r.headers().firstValue("Cache-Control")).contains("no-store");
                URI target = URI.create(r.headers().firstValue("Location").orElseThrow());
                var expires = java.util.regex.Pattern.compile("X-Amz-Expires=([0-9]+)").matcher(target.getQuery());
                assertThat(expires.find()).isTrue();
                assertThat(Integer.parseInt(expires.group(1))).as("seconds the redirect target lives").isBetween(1, 60);
                assertThat(target.getPort()).isNotEqualTo(URI.create(url).getPort());
            }
        }
    }

    private static void expectDeleted(TestHttp.Response r) {
        assertThat(r.status()).isEqualTo(404);
        JsonNode error = r.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo("not_found");
        assertThat(error.get("message").asText()).startsWith(DELETED);
    }

    private static String v1Url(String token, String ws, String key) {
        var dl = http.get("/v1/files/download?workspace_id=" + ws + "&key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8), token);
        assertThat(dl.status()).as(dl.json().toString()).isEqualTo(200);
        return dl.json().get("url").asText();
    }
}
