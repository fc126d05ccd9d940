package org.seqvault.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.seqvault.store.fs.TestBlobs.bytes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DirectReaderTest {
    @TempDir
    Path dir;

    /** Sizes around the block and the read size, read in chunks that do not divide either. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 4095, 4096, 4097, DirectReader.READ_SIZE, DirectReader.READ_SIZE + 3,
            3 * DirectReader.READ_SIZE - 4096})
    void readsExactlyWhatTheFileHolds(int size) throws IOException {
        byte[] content = bytes(size, size);
        Path file = Files.write(dir.resolve("f"), content);
        Optional<DirectReader> reader = DirectReader.open(file);
        assumeThat(reader).as("this file system takes O_DIRECT").isPresent();

        ByteArrayOutputStream read = new ByteArrayOutputStream();
        try (DirectReader r = reader.get()) {
            byte[] chunk = new byte[300_000];
            for (int n; (n = r.read(chunk)) > 0; ) {
                read.write(chunk, 0, n);
            }
            assertThat(r.read(chunk)).isZero();
        }

        assertThat(read.toByteArray()).isEqualTo(content);
    }

    @Test
    void aMissingFileIsAnError() {
        Path missing = dir.resolve("missing");
        assertThatThrownBy(() -> DirectReader.open(missing))
                .isInstanceOf(IOException.class);
    }
}
