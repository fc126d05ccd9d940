package org.seqvault.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Replicas must share one signing key, so a deployment that can have replicas must configure it. */
class SigningKeyRequirementTest {
    @TempDir
    Path data;

    @Test
    void postgresqlWithoutAConfiguredKeyIsRefusedBeforeAnythingStarts() {
        ServerConfig cfg = config("jdbc:postgresql://127.0.0.1:1/seqvault", "file:" + data.resolve("blobs"), null);
        assertThatThrownBy(() -> SeqVaultServer.start(cfg))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SEQVAULT_SIGNING_KEY")
                .hasMessageContaining("every replica");
        assertThat(data.resolve("signing.key")).doesNotExist();
    }

    @Test
    void aNonFileBlobStoreWithoutAConfiguredKeyIsRefused() {
        ServerConfig cfg = config("jdbc:sqlite:" + data.resolve("seqvault.db"), "s3://bucket/prefix", " ");
        assertThatThrownBy(() -> SeqVaultServer.signingKey(cfg)).hasMessageContaining("SEQVAULT_SIGNING_KEY");
    }

    @Test
    void aConfiguredKeyIsUsedAndALoneServerOnSqliteAndFilesGeneratesItsOwn() throws Exception {
        String sqlite = "jdbc:sqlite:" + data.resolve("seqvault.db");
        String files = "file:" + data.resolve("blobs");
        assertThat(SeqVaultServer.signingKey(config("jdbc:postgresql://db/seqvault", files, "shared-key-0123456789")))
                .isEqualTo("shared-key-0123456789");
        String generated = SeqVaultServer.signingKey(config(sqlite, files, null));
        assertThat(generated).hasSize(64);
        assertThat(Files.readString(data.resolve("signing.key")).strip()).isEqualTo(generated);
    }

    private ServerConfig config(String dbUrl, String blobStore, String signingKey) {
        return new ServerConfig("127.0.0.1", 0, null, data, dbUrl, null, null, blobStore, null, null, false, signingKey,
                Duration.ofHours(1), 1 << 20, 1 << 20, Duration.ofHours(24), 0, Duration.ofMinutes(5), null);
    }
}
