package org.seqvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.TestFiles;

/**
 * Each upload path with a 1 GiB file against the real server process running with
 * -Xmx256m: bytes must stream, never be held whole. Every file is downloaded back through its
 * presigned URL and compared by SHA-256. And the seed's large-file flow above S3's 5 GiB
 * single-PUT limit on a server with the default settings: one uploadUrl, one PUT.
 */
class LargeUploadE2ETest {
    static final long SIZE = 1L << 30;
    @TempDir
    static Path tmp;
    static ServerProcess server;
    static Client client;
    static Path source;
    static String sourceSha;
    static String token;
    static String workspace;

    @BeforeAll
    static void start() throws Exception {
        source = tmp.resolve("genome.bam");
        sourceSha = TestFiles.random(source, SIZE, 42);
        // A form limit above 1 GiB so the form path takes the same file; a 256 MiB single-PUT
        // limit so the presigned path also exercises the multi-part variant.
        server = ServerProcess.start(Files.createDirectories(tmp.resolve("data")), "256m", Map.of(),
                "--max-form-upload", "2GiB", "--single-put-limit", "256MiB");
        client = new Client(server.url);
        client.call("POST", "/admin/v1/users", ServerProcess.ADMIN_TOKEN, Map.of("username", "uploader"));
        token = client.call("POST", "/admin/v1/tokens", ServerProcess.ADMIN_TOKEN,
                Map.of("username", "uploader", "scopes", List.of("files", "projects"))).json().get("token").asText();
        workspace = client.call("POST", "/v1/workspaces", token, Map.of("name", "big files")).json()
                .get("workspace_id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            assertThat(server.alive()).as("server survived every upload at -Xmx256m").isTrue();
            assertThat(server.stop()).as("clean exit on SIGTERM").isIn(0, 143);
        }
    }

    @Test
    void formUpload() throws Exception {
        String boundary = Client.boundary();
        var answer = client.send(client.request("/v1/files/upload")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(Client.form(boundary, new String[][] {{"workspace_id", workspace}, {"path", "form/"}},
                        "genome.bam", BodyPublishers.ofFile(source)))
                .build());
        assertThat(answer.status()).as(answer.text()).isEqualTo(201);
        assertThat(answer.json().get("sha256").asText()).isEqualTo(sourceSha);
        assertDownloadsBack("form/genome.bam");
    }

    @Test
    void presignedMultiPartAboveTheSinglePutLimit() throws Exception {
        JsonNode ticket = uploadUrl("multi/", SIZE);
        assertThat(ticket.has("uploadUrl")).isFalse();
        long partSize = ticket.get("partSize").asLong();
        JsonNode parts = ticket.get("parts");
        assertThat(parts.size()).isEqualTo((int) ((SIZE + partSize - 1) / partSize));
        List<Map<String, Object>> etags = new ArrayList<>();
        for (JsonNode part : parts) {
            int n = part.get("partNumber").asInt();
            long offset = (n - 1) * partSize;
            long length = Math.min(partSize, SIZE - offset);
            var put = client.send(client.request(part.get("uploadUrl").asText())
                    .PUT(Client.slice(source, offset, length)).build());
            assertThat(put.status()).as(put.text()).isEqualTo(200);
            etags.add(Map.of("partNumber", n, "etag", put.header("ETag")));
        }
        var done = confirm(ticket, SIZE, etags, sourceSha);
        assertThat(done.status()).as(done.text()).isEqualTo(201);
        assertThat(done.json().get("sha256").asText()).isEqualTo(sourceSha);
        assertDownloadsBack("multi/genome.bam");
    }

    @Test
    void presignedSinglePut() throws Exception {
        Path small = tmp.resolve("reads.fastq.gz");
        long size = 200L << 20;
        String sha = TestFiles.random(small, size, 7);
        JsonNode ticket = uploadUrl("single/", size, "reads.fastq.gz");
        var put = client.send(client.request(ticket.get("uploadUrl").asText())
                .header("Content-Type", "application/octet-stream").PUT(BodyPublishers.ofFile(small)).build());
        assertThat(put.status()).isEqualTo(200);
        var done = confirm(ticket, size, List.of(), sha);
        assertThat(done.status()).as(done.text()).isEqualTo(201);
        var link = client.call("GET", "/v1/files/download?workspace_id=" + workspace + "&key=" + q("single/reads.fastq.gz"),
                token, null).json();
        assertThat(client.download(link.get("url").asText(), null).sha256()).isEqualTo(sha);
    }

    /**
     * On local disk the default single-PUT limit is every size: upload-url answers one uploadUrl
     * for 5 GiB + 1 byte, and the seed's {@code requests.put(info["uploadUrl"], data=f)} is one PUT
     * of it, streamed to disk by a server at -Xmx256m (the bytes are generated as they are sent, so
     * the client writes no such file). upload-confirm with the SHA-256 publishes it, which the
     * server checks against the bytes it hashed on the way; the last bytes come back as a Range.
     */
    @Test
    void onePresignedPutAboveFiveGibOnDefaultSettings() throws Exception {
        long size = (5L << 30) + 1;
        try (ServerProcess defaults = ServerProcess.start(Files.createDirectories(tmp.resolve("defaults")), "256m",
                Map.of())) {
            Client c = new Client(defaults.url);
            String admin = ServerProcess.ADMIN_TOKEN;
            String ws = c.call("POST", "/v1/workspaces", admin, Map.of("name", "huge")).json().get("workspace_id")
                    .asText();
            var ticket = c.call("POST", "/v1/files/upload-url", admin, Map.of("filename", "huge.bam",
                    "workspace_id", ws, "size", size, "path", "bam/", "content_type", "application/octet-stream"));
            assertThat(ticket.status()).as(ticket.text()).isEqualTo(201);
            assertThat(ticket.json().has("parts")).as("no multi-part answer").isFalse();

            GeneratedBytes bytes = new GeneratedBytes(size);
            var put = c.send(c.request(ticket.json().get("uploadUrl").asText())
                    .header("Content-Type", "application/octet-stream").PUT(bytes.publisher()).build());
            assertThat(put.status()).as(put.text()).isEqualTo(200);

            var done = c.call("POST", "/v1/files/upload-confirm", admin, Map.of("file_key",
                    ticket.json().get("fileKey").asText(), "workspace_id", ws, "filename", "huge.bam", "size", size,
                    "sha256", bytes.sha256()));
            assertThat(done.status()).as(done.text()).isEqualTo(201);
            assertThat(done.json().get("size").asLong()).isEqualTo(size);
            var link = c.call("GET", "/v1/files/download?workspace_id=" + ws + "&key=" + q("bam/huge.bam"), admin, null);
            Client.Download tail = c.download(link.json().get("url").asText(), "bytes=" + (size - 5000) + "-");
            assertThat(tail.status()).isEqualTo(206);
            assertThat(tail.sha256()).isEqualTo(GeneratedBytes.sha256Of(size - 5000, 5000));
            assertThat(defaults.alive()).as("the server survived the PUT at -Xmx256m").isTrue();
            System.out.println("one PUT of " + size + " bytes: the server's peak resident set was "
                    + peakResidentKib(defaults.process.pid()) / 1024 + " MiB");
        }
    }

    /** VmHWM of a process, for the log (Linux; -1 elsewhere). */
    private static long peakResidentKib(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream()
                    .filter(l -> l.startsWith("VmHWM:")).mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")))
                    .findFirst().orElse(-1);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    private void assertDownloadsBack(String key) throws Exception {
        var link = client.call("GET", "/v1/files/download?workspace_id=" + workspace + "&key=" + q(key), token, null);
        assertThat(link.status()).isEqualTo(200);
        assertThat(link.json().get("size").asLong()).isEqualTo(SIZE);
        String url = link.json().get("url").asText();
        Client.Download whole = client.download(url, null);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.bytes()).isEqualTo(SIZE);
        assertThat(whole.sha256()).isEqualTo(sourceSha);
        Client.Download tail = client.download(url, "bytes=" + (SIZE - 1000) + "-" + (SIZE + 5000));
        assertThat(tail.status()).isEqualTo(206);
        assertThat(tail.bytes()).isEqualTo(1000);
        assertThat(tail.contentRange()).isEqualTo("bytes " + (SIZE - 1000) + "-" + (SIZE - 1) + "/" + SIZE);
    }

    private JsonNode uploadUrl(String path, long size) {
        return uploadUrl(path, size, "genome.bam");
    }

    private JsonNode uploadUrl(String path, long size, String name) {
        var ticket = client.call("POST", "/v1/files/upload-url", token, Map.of("filename", name,
                "workspace_id", workspace, "size", size, "path", path, "content_type", "application/octet-stream"));
        assertThat(ticket.status()).as(ticket.text()).isEqualTo(201);
        return ticket.json();
    }

    private Client.Answer confirm(JsonNode ticket, long size, List<Map<String, Object>> parts, String sha) {
        String fileKey = ticket.get("fileKey").asText();
        String name = fileKey.substring(fileKey.lastIndexOf('/') + 1);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("file_key", fileKey, "workspace_id", workspace,
                "filename", name, "size", size, "sha256", sha));
        if (!parts.isEmpty()) {
            body.put("parts", parts);
        }
        return client.call("POST", "/v1/files/upload-confirm", token, body);
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
