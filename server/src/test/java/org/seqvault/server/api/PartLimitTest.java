package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.Random;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A part sent through SeqVault holds at most its planned length, so one part cannot fill the
 * staging area with the whole upload (or more). Local files only: on S3 the part URLs point at
 * the object store, which the server never sees.
 */
class PartLimitTest {
    private static final int PART = 1000;
    private static ServerFixture fx;
    private static SbHttp sb;
    private static String project;

    @BeforeAll
    static void start() {
        fx = new ServerFixture(Backend.SQLITE_AND_FILES);
        ApiScenario sc = new ApiScenario(fx.http);
        sb = new SbHttp(fx.http, sc.user("pia", "files", "projects"));
        project = sc.project(sc.token("pia", "files", "projects"), "Parts", false).get("id").asText();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    /** 2,001 bytes in parts of 1,000: planned 1,000 + 1,000 + 1, cut by the client as 1,000 + 1,001 + 0. */
    @Test
    void eachPartHoldsAtMostItsPlannedLength() throws Exception {
        byte[] content = new byte[2 * PART + 1];
        new Random(4).nextBytes(content);
        String uid = init("capped.bin", content.length);

        expectTooLarge(put(uid, 1, new byte[PART + 1], true), "part 1 of upload " + uid + " may hold at most 1000 bytes");
        expectTooLarge(put(uid, 1, new byte[content.length], false), "may hold at most 1000 bytes");
        expectTooLarge(put(uid, 3, new byte[2], true), "part 3 of upload " + uid + " may hold at most 1 bytes");
        expectTooLarge(put(uid, 2, new byte[PART + 2], false), "may hold at most 1001 bytes");
        assertThat(receivedParts(uid)).as("nothing was stored for the refused parts").isEmpty();

        assertThat(put(uid, 1, slice(content, 0, PART), true).statusCode()).isEqualTo(200);
        assertThat(put(uid, 2, slice(content, PART, 2 * PART + 1), false).statusCode()).isEqualTo(200);
        assertThat(put(uid, 3, new byte[0], true).statusCode()).isEqualTo(200);
        JsonNode file = ok(sb.post("/upload/multipart/" + uid + "/complete", "null"), 200);
        assertThat(file.get("size").asLong()).isEqualTo(content.length);
    }

    @Test
    void aSinglePartHoldsAtMostTheWholeFile() throws Exception {
        String uid = init("small.bin", 10);
        expectTooLarge(put(uid, 1, new byte[11], false), "part 1 of upload " + uid + " may hold at most 10 bytes");
        assertThat(receivedParts(uid)).isEmpty();
        assertThat(put(uid, 1, new byte[10], true).statusCode()).isEqualTo(200);
    }

    private static String init(String name, long size) {
        JsonNode upload = ok(sb.post("/upload/multipart", Map.of("project", project, "name", name, "size", size,
                "part_size", PART)), 200);
        assertThat(upload.get("part_size").asLong()).isEqualTo(PART);
        return upload.get("upload_id").asText();
    }

    /** PUTs a part to its presigned URL, with a Content-Length or (not {@code declared}) chunked. */
    private static HttpResponse<String> put(String uid, int part, byte[] bytes, boolean declared) throws Exception {
        String url = ok(sb.get("/upload/multipart/" + uid + "/part/" + part), 200).get("url").asText();
        HttpRequest.BodyPublisher body = declared ? HttpRequest.BodyPublishers.ofByteArray(bytes)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(url)).PUT(body).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    private static void expectTooLarge(HttpResponse<String> r, String message) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(413);
        JsonNode error = TestHttp.JSON.readTree(r.body()).get("error");
        assertThat(error.get("code").asText()).isEqualTo("payload_too_large");
        assertThat(error.get("message").asText()).contains(message);
    }

    private static Iterable<JsonNode> receivedParts(String uid) {
        JsonNode parts = ok(sb.get("/upload/multipart/" + uid + "?list_parts=true"), 200).get("parts");
        return StreamSupport.stream(parts.spliterator(), false).toList();
    }

    private static byte[] slice(byte[] content, int from, int to) {
        return java.util.Arrays.copyOfRange(content, from, to);
    }
}
