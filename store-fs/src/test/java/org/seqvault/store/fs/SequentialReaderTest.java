package org.seqvault.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seqvault.store.fs.TestBlobs.bytes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SequentialReaderTest {
    /** Sizes around the block and the read size. */
    private static final int[] SIZES = {0, 1, 4095, 4096, 4097, SequentialReader.READ_SIZE,
            SequentialReader.READ_SIZE + 3, 3 * SequentialReader.READ_SIZE - 4096};

    @TempDir
    Path dir;

    /** With O_DIRECT where this file system takes it (it does here: ext4), and through the page cache. */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void readsExactlyWhatTheFileHolds(boolean tryDirect) throws IOException {
        for (int size : SIZES) {
            byte[] content = bytes(size, size);
            Path file = Files.write(dir.resolve("f" + size), content);

            assertThat(readAll(file, tryDirect)).as("%d bytes", size).isEqualTo(content);
        }
    }

    @Test
    void aMissingFileIsAnError() {
        assertThatThrownBy(() -> SequentialReader.open(dir.resolve("missing")))
                .isInstanceOf(NoSuchFileException.class);
    }

    /** Chunks that divide neither the block nor the read size. */
    private static byte[] readAll(Path file, boolean tryDirect) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (SequentialReader reader = SequentialReader.open(file, tryDirect)) {
            byte[] chunk = new byte[300_000];
            for (int n; (n = reader.read(chunk)) > 0; ) {
                read.write(chunk, 0, n);
            }
            assertThat(reader.read(chunk)).isZero();
        }
        return read.toByteArray();
    }
}
