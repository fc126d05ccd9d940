package org.seqvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every error status of the v1 spec at least once, against the real server process, each in
 * the v1 error format with the request id and never a stack trace; plus the visibility and
 * revocation rules.
 */
class V1ContractE2ETest {
    @TempDir
    static Path tmp;
    static Path data;
    static ServerProcess server;
    static Client client;
    static String owner;
    static String stranger;
    static String workspace;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createDirectories(tmp.resolve("data"));
        server = ServerProcess.start(data, "256m", Map.of(), "--max-form-upload", "1MiB", "--rate-limit", "100000");
        client = new Client(server.url);
        owner = user("olga");
        stranger = user("sam");
        workspace = client.call("POST", "/v1/workspaces", owner, Map.of("name", "Secret Cohort")).json()
                .get("workspace_id").asText();
        assertThat(upload(owner, "cohort/patient-17.vcf", new byte[] {1, 2, 3}).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static String user(String name) {
        client.call("POST", "/admin/v1/users", ServerProcess.ADMIN_TOKEN, Map.of("username", name));
        return token(name, "files", "projects");
    }

    static String token(String name, String... scopes) {
        return client.call("POST", "/admin/v1/tokens", ServerProcess.ADMIN_TOKEN,
                Map.of("username", name, "scopes", List.of(scopes))).json().get("token").asText();
    }

    static Client.Answer upload(String token, String key, byte[] content) {
        String boundary = Client.boundary();
        int slash = key.lastIndexOf('/');
        return client.send(client.request("/v1/files/upload").header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(Client.form(boundary, new String[][] {{"workspace_id", workspace}, {"path", key.substring(0, slash + 1)}},
                        key.substring(slash + 1), BodyPublishers.ofByteArray(content)))
                .build());
    }

    static void assertError(Client.Answer a, int status, String code) {
        assertThat(a.status()).as(a.text()).isEqualTo(status);
        assertThat(a.json()).as("JSON error body: %s", a.text()).isNotNull();
        assertThat(a.json().path("error").path("code").asText()).isEqualTo(code);
        assertThat(a.json().path("error").path("message").asText()).isNotBlank();
        assertThat(a.json().path("error").path("request_id").asText()).isEqualTo(a.header("X-Request-Id"));
        assertThat(a.text()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("org.seqvault");
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void status400InvalidRequest() {
        assertError(client.call("GET", "/v1/files?workspace_id=" + workspace + "&limit=0", owner, null), 400, "invalid_request");
        assertError(client.call("GET", "/v1/files/download?workspace_id=" + workspace + "&key=" + q("../../etc/passwd"),
                owner, null), 400, "invalid_request");
    }

    @Test
    void status401ForMissingUnknownAndRevokedTokens() {
        assertError(client.call("GET", "/v1/files?workspace_id=" + workspace, null, null), 401, "unauthorized");
        assertError(client.call("GET", "/v1/files?workspace_id=" + workspace, "svt_not-a-token", null), 401, "unauthorized");
        String tokenManager = token("olga", "files", "tokens");
        var own = client.call("POST", "/v1/tokens", tokenManager, Map.of("scopes", List.of("files")));
        String secret = own.json().get("token").asText();
        assertThat(client.call("GET", "/v1/files?workspace_id=" + workspace, secret, null).status()).isEqualTo(200);
        assertThat(client.call("DELETE", "/v1/tokens/" + own.json().get("id").asText(), tokenManager, null).status())
                .isEqualTo(204);
        // Revocation is immediate: the very next request is refused.
        assertError(client.call("GET", "/v1/files?workspace_id=" + workspace, secret, null), 401, "unauthorized");
    }

    @Test
    void status403ForMissingScopeAndMissingPermission() {
        assertError(client.call("GET", "/v1/files?workspace_id=" + workspace, token("olga", "projects"), null),
                403, "missing_scope");
        String project = client.call("GET", "/v1/workspaces", owner, null).json().get("workspaces").get(0)
                .get("project").asText();
        client.call("POST", "/admin/v1/users", ServerProcess.ADMIN_TOKEN, Map.of("username", "reader"));
        String reader = token("reader", "files");
        client.call("POST", "/v2/projects/" + project + "/members", owner,
                Map.of("username", "reader", "permissions", Map.of("read", true)));
        assertThat(client.call("GET", "/v1/files?workspace_id=" + workspace, reader, null).status()).isEqualTo(200);
        assertError(upload(reader, "x.txt", new byte[] {1}), 403, "forbidden");
    }

    @Test
    void status404AndANonMemberNeverSeesANameOrCount() {
        for (Client.Answer a : List.of(
                client.call("GET", "/v1/files?workspace_id=" + workspace, stranger, null),
                client.call("GET", "/v1/files?workspace_id=" + workspace + "&prefix=cohort/", stranger, null),
                client.call("GET", "/v1/files/download?workspace_id=" + workspace + "&key=" + q("cohort/patient-17.vcf"),
                        stranger, null),
                client.call("DELETE", "/v1/files?workspace_id=" + workspace + "&key=" + q("cohort/patient-17.vcf"),
                        stranger, null),
                upload(stranger, "cohort/patient-17.vcf", new byte[] {9}))) {
            assertError(a, 404, "not_found");
            assertThat(a.text()).doesNotContain("patient-17").doesNotContain("Secret Cohort").doesNotContain("cohort/");
        }
        assertThat(client.call("GET", "/v1/workspaces", stranger, null).text()).doesNotContain(workspace);
        assertError(client.call("GET", "/v1/files/download?workspace_id=" + workspace + "&key=nope.txt", owner, null),
                404, "not_found");
    }

    @Test
    void status409WithoutOverwrite() {
        assertThat(upload(owner, "dup/a.txt", new byte[] {1}).status()).isEqualTo(201);
        assertError(upload(owner, "dup/a.txt", new byte[] {2}), 409, "conflict");
    }

    @Test
    void status413AboveTheFormLimit() {
        assertError(upload(owner, "big.bin", new byte[(1 << 20) + 1]), 413, "payload_too_large");
    }

    @Test
    void status415ForANonFormUpload() {
        var a = client.send(client.request("/v1/files/upload").header("Authorization", "Bearer " + owner)
                .header("Content-Type", "application/octet-stream").POST(BodyPublishers.ofByteArray(new byte[] {1})).build());
        assertError(a, 415, "unsupported_media_type");
    }

    @Test
    void status422ForChecksumAndSizeMismatch() {
        var ticket = client.call("POST", "/v1/files/upload-url", owner,
                Map.of("filename", "c.txt", "workspace_id", workspace, "size", 3)).json();
        client.send(client.request(ticket.get("uploadUrl").asText()).PUT(BodyPublishers.ofByteArray(new byte[] {1, 2, 3})).build());
        Map<String, Object> confirm = Map.of("file_key", ticket.get("fileKey").asText(), "workspace_id", workspace,
                "filename", "c.txt", "size", 3, "sha256", "0".repeat(64));
        assertError(client.call("POST", "/v1/files/upload-confirm", owner, confirm), 422, "checksum_mismatch");
        assertError(client.call("POST", "/v1/files/upload-confirm", owner, Map.of("file_key", ticket.get("fileKey").asText(),
                "workspace_id", workspace, "filename", "c.txt", "size", 4)), 422, "size_mismatch");
        assertThat(client.call("GET", "/v1/files?workspace_id=" + workspace + "&prefix=c.txt", owner, null).json()
                .get("files")).isEmpty();
    }

    @Test
    void status403ForTamperedAndExpiredPresignedUrls() {
        var link = client.call("GET", "/v1/files/download?workspace_id=" + workspace + "&key=" + q("cohort/patient-17.vcf"),
                owner, null).json();
        String url = link.get("url").asText();
        assertThat(client.call("GET", url, null, null).status()).isEqualTo(200);
        java.util.regex.Matcher signature = java.util.regex.Pattern.compile("sig=([^&]+)").matcher(url);
        assertThat(signature.find()).as(url).isTrue();
        String sig = signature.group(1);
        // The first character replaced by one it is not: setting it to a fixed one is no change one time in 64.
        String otherFirst = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        assertError(client.call("GET", tampered(url, "exp=(\\d+)", "exp=1$1"), null, null), 403, "forbidden");
        assertError(client.call("GET", tampered(url, "sig=[^&]+", "sig=" + otherFirst), null, null), 403, "forbidden");
        assertError(client.call("GET", tampered(url, "exp=\\d+", "exp=1000"), null, null), 403, "forbidden");
    }

    /** {@code url} with its first match of {@code regex} replaced, checked to differ from it. */
    private static String tampered(String url, String regex, String replacement) {
        String changed = url.replaceFirst(regex, replacement);
        assertThat(changed).as("the tampered URL").isNotEqualTo(url);
        return changed;
    }

    @Test
    void status429WhenATokenExceedsItsRateLimitAnd403ForAnExpiredUrl() throws Exception {
        try (ServerProcess limited = ServerProcess.start(Files.createDirectories(tmp.resolve("limited")), "128m", Map.of(),
                "--rate-limit", "6", "--presign-ttl", "1")) {
            Client c = new Client(limited.url);
            String admin = ServerProcess.ADMIN_TOKEN;
            String ws = c.call("POST", "/v1/workspaces", admin, Map.of("name", "short lived")).json().get("workspace_id").asText();
            // A form upload: a presigned PUT URL, living 1 s here too, could expire before a loaded machine sends it.
            String boundary = Client.boundary();
            var uploaded = c.send(c.request("/v1/files/upload").header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(Client.form(boundary, new String[][] {{"workspace_id", ws}}, "a.txt",
                            BodyPublishers.ofByteArray(new byte[] {7})))
                    .build());
            assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
            String url = c.call("GET", "/v1/files/download?workspace_id=" + ws + "&key=a.txt", admin, null).json()
                    .get("url").asText();
            Thread.sleep(2100);
            assertError(c.call("GET", url, null, null), 403, "forbidden");

            // Fixed windows may roll over mid-test; within two windows' worth of calls one must be refused.
            Client.Answer refused = null;
            for (int i = 0; i < 14 && refused == null; i++) {
                Client.Answer a = c.call("GET", "/v1/workspaces", admin, null);
                if (a.status() == 429) {
                    refused = a;
                }
            }
            assertThat(refused).as("a call past the limit is refused").isNotNull();
            assertError(refused, 429, "rate_limited");
            assertThat(refused.header("Retry-After")).isNotBlank();
            assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        }
    }

    @Test
    void status500WhenStorageFailsAndTheServerKeepsServing() throws Exception {
        // Fault injection: the staging directory becomes a plain file, so writing any part fails with an I/O error.
        Path staging = data.resolve("blobs").resolve("staging");
        Path aside = data.resolve("staging-aside");
        Files.move(staging, aside);
        Files.writeString(staging, "not a directory");
        try {
            assertError(upload(owner, "broken/x.txt", new byte[] {1}), 500, "internal");
        } finally {
            Files.delete(staging);
            Files.move(aside, staging);
        }
        assertThat(upload(owner, "after/x.txt", new byte[] {1}).status()).isEqualTo(201);
        assertThat(client.call("GET", "/v1/files?workspace_id=" + workspace + "&prefix=broken/", owner, null).json()
                .get("files")).isEmpty();
    }
}
