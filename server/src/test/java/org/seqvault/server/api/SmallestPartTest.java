package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.server.SeqVaultServer;
import org.seqvault.server.ServerConfig;

/**
 * Uploads above the single-PUT limit are cut into parts of that size, so a limit below the blob
 * store's smallest part would make every multi-part upload fail at completion: the server must
 * refuse to start instead. S3's smallest part is 5 MiB and its largest single PUT 5 GiB; local files
 * take parts of any size.
 */
class SmallestPartTest {
    @TempDir
    Path dataDir;

    @Test
    void anS3StoreRefusesASinglePutLimitBelowItsSmallestPart() {
        try (TestBlobStore s3 = TestBlobStore.s3(dataDir)) {
            assertThatThrownBy(() -> SeqVaultServer.start(config(s3, 4L << 20)).close())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("single_put_limit (4 MiB) must be at least the blob store's smallest part");
        }
    }

    @Test
    void anS3StoreRefusesASinglePutLimitAboveItsLargestPut() {
        try (TestBlobStore s3 = TestBlobStore.s3(dataDir)) {
            assertThatThrownBy(() -> SeqVaultServer.start(config(s3, 6L << 30)).close())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("single_put_limit (6 GiB) must be at most the blob store's largest single PUT"
                            + " (5 GiB)");
        }
    }

    @Test
    void localFilesTakeAnyLimit() {
        TestBlobStore files = TestBlobStore.files(dataDir);
        SeqVaultServer.start(config(files, 64 << 10)).close();
    }

    private ServerConfig config(TestBlobStore blobs, long singlePutLimit) {
        return new ServerConfig("127.0.0.1", 0, null, dataDir, "jdbc:sqlite:" + dataDir.resolve("seqvault.db"), null,
                null, blobs.uri(), blobs.s3Endpoint(), blobs.s3Region(), blobs.s3PathStyle(),
                "test-signing-key-0123456789abcdef", Duration.ofHours(1), 1L << 20, singlePutLimit, Duration.ofHours(24),
                0, Duration.ofMinutes(5), null);
    }
}
