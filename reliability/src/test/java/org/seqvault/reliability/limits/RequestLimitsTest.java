package org.seqvault.reliability.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.reliability.support.Accounts.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqvault.reliability.backend.Backend;
import org.seqvault.reliability.support.Accounts;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.InProcessServer;
import org.seqvault.reliability.support.ServerProcess;

/**
 * Size limits: headers and request lines beyond 16 KiB, JSON bodies beyond 16 MiB, form uploads
 * beyond the configured limit (declared or only discovered while streaming) and parts larger than
 * their upload are refused with the right status in the dialect's format, publish nothing, and
 * leave no staged bytes behind.
 */
class RequestLimitsTest {
    private static final int FORM_LIMIT = 1 << 20;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.seqvault.reliability.backend.Backends#selected")
    void oversizedRequestsAreRefusedAndLeaveNothing(Backend backend, @TempDir Path data) throws Exception {
        try (InProcessServer server = InProcessServer.start(backend, data, Map.of("SEQVAULT_RATE_LIMIT", "0",
                "SEQVAULT_MAX_FORM_UPLOAD", Integer.toString(FORM_LIMIT)))) {
            Http http = server.http();
            Accounts accounts = new Accounts(http, ServerProcess.ADMIN_TOKEN);
            String token = accounts.userWithToken("big", "files", "projects");
            var ws = accounts.workspace(token, "limits");
            String workspace = ws.get("workspace_id").asText();

            Http.Answer header = http.send(http.request("/healthz").header("X-Pad", "p".repeat(20 * 1024)).GET().build());
            assertThat(header.status()).as("a 20 KiB header").isEqualTo(431);
            assertThat(header.json().get("error").get("code").asText()).isEqualTo("invalid_request");
            Http.Answer line = http.get("/v1/files?workspace_id=" + "w".repeat(20 * 1024), token);
            assertThat(line.status()).as("a 20 KiB request line").isIn(414, 431);
            assertThat(line.json().get("error").get("code").isTextual()).as(line.text()).isTrue();
            Http.Answer v2Header = http.send(http.request("/v2/files").header("X-Pad", "p".repeat(20 * 1024)).GET().build());
            assertThat(v2Header.status()).isEqualTo(431);
            assertThat(v2Header.json().get("status").asInt()).as("Seven Bridges format under /v2").isEqualTo(431);

            byte[] hugeJson = ("{\"name\":\"" + "j".repeat(17 << 20) + "\"}").getBytes();
            Http.Answer v2Json = http.send(http.request("/v2/files").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(BodyPublishers.ofByteArray(hugeJson)).build());
            assertThat(v2Json.status()).as(v2Json.text()).isEqualTo(413);
            assertThat(v2Json.json().get("status").asInt()).isEqualTo(413);
            Http.Answer v1Json = http.send(http.request("/v1/files/upload-url").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(BodyPublishers.ofByteArray(hugeJson)).build());
            assertThat(v1Json.status()).as(v1Json.text()).isEqualTo(413);
            assertThat(v1Json.json().get("error").get("code").asText()).isEqualTo("payload_too_large");

            // Over the form limit: once declared up front, once only found out while streaming (chunked).
            Http.Answer declared = http.form("/v1/files/upload", token, List.<String[]>of(
                    new String[] {"workspace_id", workspace}), "declared.bin", new byte[3 * FORM_LIMIT]);
            assertThat(declared.status()).as(declared.text()).isEqualTo(413);
            byte[] streamed = formBody(workspace, new byte[2 * FORM_LIMIT]);
            Http.Answer chunked = http.send(http.request("/v1/files/upload").header("Authorization", "Bearer " + token)
                    .header("Content-Type", "multipart/form-data; boundary=limit")
                    .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(streamed))).build());
            assertThat(chunked.status()).as(chunked.text()).isEqualTo(413);
            assertThat(chunked.json().get("error").get("code").asText()).isEqualTo("payload_too_large");

            JsonNode ticket = expect(http.call("POST", "/v1/files/upload-url", token, Map.of("filename", "small.bin",
                    "workspace_id", workspace, "size", 1024)), 201);
            URI part = URI.create(ticket.get("uploadUrl").asText());
            if (part.toString().startsWith(server.url())) {
                Http.Answer tooBig = http.put(part.toString(), new byte[4096]);
                assertThat(tooBig.status()).as(tooBig.text()).isEqualTo(413);
                Http.Answer tooBigChunked = http.send(http.request(part.toString())
                        .PUT(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[4096]))).build());
                assertThat(tooBigChunked.status()).as(tooBigChunked.text()).isEqualTo(413);
            } else {
                // The part goes straight to the object store, which takes whatever length the
                // signature allows; the upload's size is then checked when it is confirmed.
                assertThat(http.put(part.toString(), new byte[4096]).status()).isEqualTo(200);
                Http.Answer confirm = http.call("POST", "/v1/files/upload-confirm", token, Map.of("file_key",
                        ticket.get("fileKey").asText(), "workspace_id", workspace, "filename", "small.bin", "size", 1024));
                assertThat(confirm.status()).as(confirm.text()).isEqualTo(422);
                assertThat(confirm.json().get("error").get("code").asText()).as(confirm.text()).isEqualTo("size_mismatch");
            }

            assertThat(expect(http.get("/v1/files?workspace_id=" + workspace, token), 200).get("files")).isEmpty();
            if (backend.bytesOnLocalDisk()) {
                assertThat(stagedFiles(data)).as("bytes staged by the refused uploads").isEmpty();
            }
        }
    }

    private static byte[] formBody(String workspace, byte[] content) {
        byte[] head = ("--limit\r\nContent-Disposition: form-data; name=\"workspace_id\"\r\n\r\n" + workspace
                + "\r\n--limit\r\nContent-Disposition: form-data; name=\"file\"; filename=\"streamed.bin\"\r\n\r\n").getBytes();
        byte[] tail = "\r\n--limit--\r\n".getBytes();
        byte[] body = Arrays.copyOf(head, head.length + content.length + tail.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        return body;
    }

    /** Regular files under the staging area (directories of open uploads may stay, empty). */
    private static List<Path> stagedFiles(Path data) throws Exception {
        Path staging = data.resolve("blobs").resolve("staging");
        if (!Files.exists(staging)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(staging)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
