package org.seqvault.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seqvault.store.fs.TestBlobs.BASE_URL;
import static org.seqvault.store.fs.TestBlobs.SIGNER;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqvault.domain.UploadPart;

/** Ids and locators reach file paths, so anything outside their alphabet must be refused. */
class FsBlobStoreIdsTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    @TempDir
    Path root;

    @ParameterizedTest
    @ValueSource(strings = {"..", ".", "../x", "a/b", "/abs", "up_1/../../etc", "a\\b", "UP_1", "up 1", "up_1\u0000",
            "", "ünï"})
    void badIdsAreRefusedEverywhere(String id) throws Exception {
        FsBlobStore store = new FsBlobStore(root, SIGNER, BASE_URL);
        UploadPart good = store.writePart("up_1", 1, new ByteArrayInputStream(new byte[1]), 10, true);

        assertThatThrownBy(() -> store.writePart(id, 1, new ByteArrayInputStream(new byte[1]), 10, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.discardPart(id, good.locator())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.discardUpload(id)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.stagedRecently(id)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete(id)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.open(id)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.checksums(id)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.assemble(id, "abcd1234", List.of(good), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.assemble("up_1", id, List.of(good), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        // Nothing was touched outside the root, and the good part is still staged.
        assertThat(root.resolve("staging/up_1").resolve(good.locator())).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../blobs/ab/cd/abcd/00001", "1.0123456789abcdef/..", "/etc/passwd", "..", "1",
            "1.xyz", "0.0123456789abcdef"})
    void badLocatorsAreRefused(String locator) {
        FsBlobStore store = new FsBlobStore(root, SIGNER, BASE_URL);
        UploadPart forged = new UploadPart("up_1", 1, 0, "d41d8cd98f00b204e9800998ecf8427e",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", locator, NOW);

        assertThatThrownBy(() -> store.discardPart("up_1", locator)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.assemble("up_1", "abcd1234", List.of(forged), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(root.resolve("blobs")).doesNotExist();
    }

    @Test
    void blobIdsNeedFourCharactersForTheirShards() {
        FsBlobStore store = new FsBlobStore(root, SIGNER, BASE_URL);

        assertThatThrownBy(() -> store.delete("abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badPartNumbersAreRefused() {
        FsBlobStore store = new FsBlobStore(root, SIGNER, BASE_URL);

        assertThatThrownBy(() -> store.writePart("up_1", 0, new ByteArrayInputStream(new byte[1]), 10, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Files.exists(root.resolve("staging"))).isFalse();
    }
}
