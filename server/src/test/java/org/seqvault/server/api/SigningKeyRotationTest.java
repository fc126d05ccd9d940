package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.server.ConfigLoader;
import org.seqvault.server.SeqVaultServer;
import org.seqvault.service.presign.SigningKeys;

/**
 * Rotating the URL-signing key through configuration: after a restart with a new key and the old
 * one listed as previous, download URLs the old key signed still work (until they expire) and new
 * ones are signed with the new key; once the old key is no longer listed, its URLs fail.
 */
class SigningKeyRotationTest {
    private static final String OLD_KEY = "old-signing-key-0123456789abcdef";
    private static final String NEW_KEY = "new-signing-key-0123456789abcdef";
    private static final String OTHER_KEY = "some-other-key-0123456789abcdef";
    private static final byte[] CONTENT = "ACGT\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path data;

    @Test
    void urlsSignedWithAPreviousKeyKeepWorkingUntilTheKeyIsDropped() {
        String oldUrl;
        String workspace;
        try (SeqVaultServer server = start(Map.of("SEQVAULT_SIGNING_KEY", OLD_KEY))) {
            TestHttp http = new TestHttp(server.publicUrl());
            workspace = ok(http.postJson("/v1/workspaces", ServerFixture.ADMIN_TOKEN, Map.of("name", "keys")), 201)
                    .get("workspace_id").asText();
            ok(http.postForm("/v1/files/upload", ServerFixture.ADMIN_TOKEN,
                    List.<String[]>of(new String[] {"workspace_id", workspace}), "a.txt", CONTENT), 201);
            oldUrl = pathAndQuery(downloadUrl(http, workspace));
            assertThat(oldUrl).contains("kid=" + SigningKeys.keyIdOf(OLD_KEY));
            assertDownloads(http, oldUrl);
        }

        String newUrl;
        try (SeqVaultServer server = start(Map.of("SEQVAULT_SIGNING_KEY", NEW_KEY,
                "SEQVAULT_PREVIOUS_SIGNING_KEYS", OTHER_KEY + ", " + OLD_KEY))) {
            TestHttp http = new TestHttp(server.publicUrl());
            assertDownloads(http, oldUrl);
            newUrl = pathAndQuery(downloadUrl(http, workspace));
            assertThat(newUrl).as("new URLs are signed with the new key").contains("kid=" + SigningKeys.keyIdOf(NEW_KEY));
            assertDownloads(http, newUrl);
        }

        try (SeqVaultServer server = start(Map.of("SEQVAULT_SIGNING_KEY", NEW_KEY,
                "SEQVAULT_PREVIOUS_SIGNING_KEYS", OTHER_KEY))) {
            TestHttp http = new TestHttp(server.publicUrl());
            TestHttp.Response refused = http.send("GET", oldUrl, null, null, null);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.json().get("error").get("message").asText()).contains("unknown key");
            assertDownloads(http, newUrl);
        }
    }

    /** The server on the test's data directory (its SQLite database and blobs outlive each start). */
    private SeqVaultServer start(Map<String, String> keys) {
        Map<String, String> env = new HashMap<>(keys);
        env.put("SEQVAULT_DATA_DIR", data.toString());
        env.put("SEQVAULT_PORT", "0");
        env.put("SEQVAULT_BOOTSTRAP_TOKEN", ServerFixture.ADMIN_TOKEN);
        return SeqVaultServer.start(ConfigLoader.load(Map.of(), env, null).config());
    }

    private static String downloadUrl(TestHttp http, String workspace) {
        return ok(http.get("/v1/files/download?workspace_id=" + workspace + "&key=a.txt", ServerFixture.ADMIN_TOKEN), 200)
                .get("url").asText();
    }

    /** Each start listens on another port: a URL is carried over as its path and query. */
    private static String pathAndQuery(String url) {
        URI uri = URI.create(url);
        return uri.getRawPath() + "?" + uri.getRawQuery();
    }

    private static void assertDownloads(TestHttp http, String pathAndQuery) {
        TestHttp.Response r = http.send("GET", pathAndQuery, null, null, null);
        assertThat(r.status()).as(new String(r.bytes(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.bytes()).isEqualTo(CONTENT);
    }
}
