package org.seqvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.stores.S3TestServer;
import org.seqvault.testkit.stores.TestPostgres;

/**
 * The trash outlives the server: a file deleted through /v1 and a folder deleted through /v2 are
 * restored by a new server process on the same database and blob store, with their ids, metadata,
 * tags and bytes; on SQLite with local files and on PostgreSQL with S3.
 */
class TrashRestartE2ETest {
    private static final String S3_PREFIX = "trash-restart";

    @TempDir
    Path dataDir;

    @Test
    void aRestoreAfterARestartOnSqliteAndLocalFiles() throws Exception {
        deleteRestartRestore(Map.of());
    }

    @Test
    void aRestoreAfterARestartOnPostgresqlAndS3() throws Exception {
        TestPostgres.Database db = TestPostgres.newDatabase();
        S3TestServer s3 = S3TestServer.shared();
        try {
            deleteRestartRestore(PostgresAndS3.settings(db, s3, S3_PREFIX, "trash-restart-signing-key-0123456789"));
        } finally {
            s3.clear(S3_PREFIX);
        }
    }

    private void deleteRestartRestore(Map<String, String> backend) throws Exception {
        Map<String, String> env = new HashMap<>(backend);
        byte[] vcf = "##fileformat=VCFv4.3\n#CHROM\tPOS\n".getBytes(StandardCharsets.UTF_8);
        byte[] fastq = "@r1\nACGT\n+\nIIII\n".getBytes(StandardCharsets.UTF_8);
        String token;
        String workspace;
        String project;
        JsonNode file;
        String folder;
        try (ServerProcess first = ServerProcess.start(dataDir, "256m", env)) {
            Client client = new Client(first.url);
            token = userToken(client, "restarter");
            workspace = expect(client.call("POST", "/v1/workspaces", token, Map.of("name", "Restart")), 201)
                    .get("workspace_id").asText();
            project = client.call("GET", "/v1/workspaces", token, null).json().get("workspaces").get(0).get("project")
                    .asText();
            String fileId = formUpload(client, token, workspace, "calls/", "trio.vcf", vcf);
            expect(client.call("PATCH", "/v2/files/" + fileId, token, Map.of("metadata", Map.of("sample_id", "NA12878"),
                    "tags", List.of("wgs", "trio"))), 200);
            file = expect(client.call("GET", "/v2/files/" + fileId, token, null), 200);
            formUpload(client, token, workspace, "reads/lane1/", "r1.fq", fastq);
            folder = expect(client.call("GET", "/v2/files?project=" + project + "&name=reads", token, null), 200)
                    .at("/items/0/id").asText();

            assertThat(client.call("DELETE", "/v1/files?workspace_id=" + workspace + "&key="
                    + URLEncoder.encode("calls/trio.vcf", StandardCharsets.UTF_8), token, null).status()).isEqualTo(204);
            assertThat(client.call("DELETE", "/v2/files/" + folder + "?recursive=true", token, null).status())
                    .isEqualTo(204);
            assertThat(expect(client.call("GET", "/v1/files?workspace_id=" + workspace, token, null), 200).get("files"))
                    .isEmpty();
            assertThat(first.stop()).as("clean exit on SIGTERM").isIn(0, 143);
        }

        try (ServerProcess second = ServerProcess.start(dataDir, "256m", env)) {
            Client client = new Client(second.url);
            JsonNode trash = expect(client.call("GET", "/v2/projects/" + project + "/trash", token, null), 200);
            assertThat(trash.get("items")).hasSize(2);
            assertThat(trash.at("/items/0/path").asText()).isEqualTo("reads");
            assertThat(trash.at("/items/1/path").asText()).isEqualTo("calls/trio.vcf");

            JsonNode restored = expect(client.call("POST", "/v2/projects/" + project + "/trash/" + file.get("id").asText()
                    + "/restore", token, Map.of()), 200);
            assertThat(restored.get("id")).isEqualTo(file.get("id"));
            assertThat(restored.get("metadata")).isEqualTo(file.get("metadata"));
            assertThat(restored.get("tags")).isEqualTo(file.get("tags"));
            assertThat(downloadSha256(client, token, "/v2/files/" + restored.get("id").asText() + "/download_info"))
                    .isEqualTo(sha256(vcf));
            expect(client.call("POST", "/v2/projects/" + project + "/trash/" + folder + "/restore", token, Map.of()), 200);

            JsonNode listed = expect(client.call("GET", "/v1/files?workspace_id=" + workspace, token, null), 200);
            assertThat(listed.get("files").findValuesAsText("key")).containsExactly("calls/trio.vcf", "reads/lane1/r1.fq");
            assertThat(downloadSha256(client, token, "/v1/files/download?workspace_id=" + workspace + "&key="
                    + URLEncoder.encode("reads/lane1/r1.fq", StandardCharsets.UTF_8))).isEqualTo(sha256(fastq));
        }
    }

    /** Follows a call that answers {"url": …} and returns the SHA-256 of what the URL serves. */
    private static String downloadSha256(Client client, String token, String linkPath) throws Exception {
        String url = expect(client.call("GET", linkPath, token, null), 200).get("url").asText();
        Client.Download got = client.download(url, null);
        assertThat(got.status()).isEqualTo(200);
        return got.sha256();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static JsonNode expect(Client.Answer answer, int status) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        return answer.json();
    }

    private static String userToken(Client client, String username) {
        client.call("POST", "/admin/v1/users", ServerProcess.ADMIN_TOKEN, Map.of("username", username));
        return client.call("POST", "/admin/v1/tokens", ServerProcess.ADMIN_TOKEN,
                Map.of("username", username, "scopes", List.of("files", "projects"))).json().get("token").asText();
    }

    /** A v1 form upload into {@code path}; returns the file id. */
    private static String formUpload(Client client, String token, String workspace, String path, String name,
                                     byte[] body) {
        String boundary = Client.boundary();
        Client.Answer answer = client.send(client.request("/v1/files/upload")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(Client.form(boundary, new String[][] {{"workspace_id", workspace}, {"path", path}}, name,
                        BodyPublishers.ofByteArray(body)))
                .build());
        return expect(answer, 201).get("file_id").asText();
    }
}
