package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** The Seven Bridges multipart upload and the download it leads to, driven over HTTP the way the client does. */
@OnEveryBackend
class SbUploadApiTest extends BackendSuite {
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

    /**
     * size % part_size == 1, so the client sends part 3 one byte long and an empty part 4; the
     * parts go out of order, four at a time, and part 2 is sent twice (the second copy wins).
     */
    @Test
    void partsInParallelOutOfOrderResentAndAnEmptyLastPart() throws Exception {
        Golden golden = fx.golden();
        String erin = sc.user("erin", "files", "projects");
        SbHttp sb = new SbHttp(http, erin);
        String pid = sc.project(erin, "Uploads", false).get("id").asText();
        long partSize = ServerFixture.PART_SIZE;
        byte[] content = random(3 * partSize + 1, 1);
        var init = sb.post("/upload/multipart", Map.of("project", pid, "name", "trio.cram", "size", content.length,
                "part_size", partSize));
        JsonNode upload = ok(init, 200);
        golden.assertMatches("v2-upload-init", upload);
        String uid = upload.get("upload_id").asText();
        List<ClientParts.Part> parts = ClientParts.split(content.length, upload.get("part_size").asLong());
        assertThat(parts).hasSize(4);
        assertThat(parts.get(2).to() - parts.get(2).from()).isEqualTo(partSize + 1);
        assertThat(parts.get(3).to() - parts.get(3).from()).as("the empty last part").isZero();

        JsonNode partUrl = ok(sb.get("/upload/multipart/" + uid + "/part/2"), 200);
        golden.assertMatches("v2-upload-part-url", partUrl);
        String staleEtag = putPart(partUrl.get("url").asText(), random(partSize, 99));
        ok(sb.post("/upload/multipart/" + uid + "/part", ClientParts.report(2, staleEtag)), 204);
        assertThat(ok(sb.get("/upload/multipart/" + uid), 200).get("uploaded_parts_count").asInt())
                .as("one part of four received").isEqualTo(1);

        List<ClientParts.Part> shuffled = new ArrayList<>(parts);
        Collections.shuffle(shuffled, new Random(5));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (ClientParts.Part part : shuffled) {
                sent.add(pool.submit(() -> {
                    String url = ok(sb.get("/upload/multipart/" + uid + "/part/" + part.number()), 200).get("url").asText();
                    String etag = putPart(url, part.bytes(content));
                    ok(sb.post("/upload/multipart/" + uid + "/part/", ClientParts.report(part.number(), etag)), 204);
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }

        golden.assertMatches("v2-upload-status", ok(sb.get("/upload/multipart/" + uid + "?list_parts=true"), 200));
        var listed = sb.get("/upload/multipart");
        golden.assertMatches("v2-upload-list", ok(listed, 200));
        assertThat(listed.header(SbHttp.TOTAL)).isEqualTo("1");

        JsonNode file = ok(sb.post("/upload/multipart/" + uid + "/complete", "null"), 200);
        golden.assertMatches("v2-upload-complete", file);
        assertThat(ok(sb.get("/upload/multipart/" + uid), 200).get("uploaded_parts_count").asInt())
                .as("a complete upload received all its parts").isEqualTo(4);
        assertThat(file.get("size").asLong()).isEqualTo(content.length);
        assertThat(ok(sb.post("/upload/multipart/" + uid + "/complete", "null"), 200).get("id"))
                .as("completing twice gives the same file").isEqualTo(file.get("id"));
        assertThat(download(sb, file.get("id").asText(), 4 << 20)).isEqualTo(sha256(content));
        assertThat(ok(sb.get("/upload/multipart"), 200).get("items")).as("no longer in progress").isEmpty();
    }

    /** download(): a plain GET for Content-Length only, then Range slices, the last one past the end. */
    @Test
    void threePartFileDownloadsInRangedSlices() throws Exception {
        String fred = sc.user("fred", "files", "projects");
        SbHttp sb = new SbHttp(http, fred);
        String pid = sc.project(fred, "Download", false).get("id").asText();
        long partSize = ServerFixture.PART_SIZE;
        byte[] content = random(2 * partSize + 140_000, 2);
        JsonNode file = sb.upload("project", pid, "genome.fa", content, partSize);
        assertThat(ok(sb.get("/upload/multipart"), 200).get("items")).isEmpty();
        assertThat(download(sb, file.get("id").asText(), 3 << 20)).isEqualTo(sha256(content));
        assertThat(download(sb, file.get("id").asText(), content.length + 100_000)).as("one slice past EOF")
                .isEqualTo(sha256(content));

        JsonNode empty = sb.upload("project", pid, "empty.txt", new byte[0], 1024);
        assertThat(empty.get("size").asLong()).isZero();
        String url = ok(sb.get("/files/" + empty.get("id").asText() + "/download_info"), 200).get("url").asText();
        var plain = http.send("GET", url, null, null, null);
        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.header("Content-Length")).isEqualTo("0");
    }

    @Test
    void overwriteOriginAndAbort() throws Exception {
        String gail = sc.user("gail", "files", "projects");
        SbHttp sb = new SbHttp(http, gail);
        String pid = sc.project(gail, "Rewrites", false).get("id").asText();
        String first = sb.upload("project", pid, "calls.vcf", new byte[] {1, 2, 3}, 1024).get("id").asText();
        JsonNode second = sb.upload("project", pid, "calls.vcf", new byte[] {4, 5}, 1024, "overwrite=True");
        assertThat(second.get("id").asText()).as("a replaced file gets a new id").isNotEqualTo(first);
        assertThat(sb.get("/files/" + first).status()).isEqualTo(404);
        assertThat(SbFilesApiTest.names(sb, "/files?project=" + pid)).containsExactly("calls.vcf");

        String task = "6b1f8a2e-1c2d-4e5f-8a9b-0c1d2e3f4a5b";
        JsonNode init = ok(sb.post("/upload/multipart", Map.of("project", pid, "name", "out.bam", "size", 1,
                "part_size", 1024, "origin", Map.of("task", task))), 200);
        String uid = init.get("upload_id").asText();
        String etag = putPart(ok(sb.get("/upload/multipart/" + uid + "/part/1"), 200).get("url").asText(), new byte[] {9});
        ok(sb.post("/upload/multipart/" + uid, Map.of("parts", List.of(ClientParts.report(1, etag)))), 204);
        JsonNode out = ok(sb.post("/upload/multipart/" + uid + "/complete", "null"), 200);
        assertThat(out.get("origin").get("task").asText()).isEqualTo(task);
        assertThat(SbFilesApiTest.names(sb, "/files?project=" + pid + "&origin.task=" + task)).containsExactly("out.bam");

        String aborted = ok(sb.post("/upload/multipart", Map.of("project", pid, "name", "gone.bam", "size", 10,
                "part_size", 1024)), 200).get("upload_id").asText();
        var abort = sb.delete("/upload/multipart/" + aborted);
        assertThat(abort.status()).isEqualTo(204);
        // Aborted, the upload is gone: every call on its id answers as for an unknown upload (spec §12.5).
        fx.golden().assertMatches("v2-error-404-upload-aborted", gone(sb.get("/upload/multipart/" + aborted)));
        gone(sb.get("/upload/multipart/" + aborted + "/part/1"));
        gone(sb.post("/upload/multipart/" + aborted + "/part/", ClientParts.report(1, "0".repeat(32))));
        gone(sb.post("/upload/multipart/" + aborted + "/complete", "null"));
        gone(sb.delete("/upload/multipart/" + aborted));
    }

    /** An answer of 404 with code 8003, the unknown-upload error; returns its body. */
    private static JsonNode gone(TestHttp.Response r) {
        assertThat(r.status()).as("%s", r.json()).isEqualTo(404);
        assertThat(r.json().get("code").asInt()).isEqualTo(8003);
        return r.json();
    }

    /** PUTs a part as the client does: no token, no Content-Type; returns the ETag without quotes. */
    static String putPart(String url, byte[] bytes) {
        TestHttp.Response put = http.send("PUT", url, null, null, bytes);
        assertThat(put.status()).isEqualTo(200);
        return put.header("ETag").replace("\"", "");
    }

    /** Downloads a file the way the client's Download thread does and returns the SHA-256 of what it got. */
    static String download(SbHttp sb, String fileId, int slice) throws Exception {
        String url = ok(sb.get("/files/" + fileId + "/download_info"), 200).get("url").asText();
        HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<InputStream> head = client.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("Transfer-Encoding")).isEmpty();
        long size = Long.parseLong(head.headers().firstValue("Content-Length").orElseThrow());
        head.body().close(); // the client drops the connection once it knows the size
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (long from = 0; from < size; from += slice) {
            long to = from + slice - 1; // may run past the end: the server clamps it
            var part = http.send("GET", url, null, null, null, "Range", "bytes=" + from + "-" + to);
            assertThat(part.status()).isEqualTo(206);
            long last = Math.min(to, size - 1);
            assertThat(part.header("Content-Range")).isEqualTo("bytes " + from + "-" + last + "/" + size);
            assertThat(part.header("Content-Length")).isEqualTo(Long.toString(last - from + 1));
            got.write(part.bytes());
        }
        return sha256(got.toByteArray());
    }

    static byte[] random(long size, long seed) {
        byte[] b = new byte[(int) size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
