package org.seqvault.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seqvault.store.fs.TestBlobs.bytes;
import static org.seqvault.store.fs.TestBlobs.concat;
import static org.seqvault.store.fs.TestBlobs.read;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentedBlobReaderTest {
    @TempDir
    Path dir;

    @Test
    void everyRangeAcrossSegmentBoundariesReadsTheRightBytes() throws IOException {
        // Empty segments first, in the middle and last: boundaries that share an offset.
        byte[][] pieces = {new byte[0], bytes(5, 1), new byte[0], new byte[0], bytes(7, 2), bytes(1, 3),
                bytes(3, 4), new byte[0]};
        byte[] whole = concat(pieces);

        try (SegmentedBlobReader reader = SegmentedBlobReader.open(segments(pieces))) {
            assertThat(reader.size()).isEqualTo(whole.length);
            for (int offset = 0; offset <= whole.length; offset++) {
                for (int length = 0; offset + length <= whole.length; length++) {
                    assertThat(read(reader, offset, length))
                            .as("offset %d length %d", offset, length)
                            .isEqualTo(Arrays.copyOfRange(whole, offset, offset + length));
                }
            }
        }
    }

    @Test
    void transfersToAFileChannelAcrossSegments() throws IOException {
        byte[][] pieces = {bytes(100_000, 1), bytes(1, 2), bytes(200_000, 3)};
        Path out = dir.resolve("out");

        try (SegmentedBlobReader reader = SegmentedBlobReader.open(segments(pieces));
             FileChannel target = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            reader.transferTo(99_990, 100_020, target);
        }

        assertThat(out).hasBinaryContent(Arrays.copyOfRange(concat(pieces), 99_990, 200_010));
    }

    @Test
    void rangesOutsideTheBlobAreRefused() throws IOException {
        try (SegmentedBlobReader reader = SegmentedBlobReader.open(segments(bytes(10, 1), bytes(10, 2)))) {
            assertThatThrownBy(() -> read(reader, 0, 21)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> read(reader, 21, 0)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> read(reader, -1, 1)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> read(reader, 5, Long.MAX_VALUE)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThat(read(reader, 20, 0)).isEmpty();
        }
    }

    @Test
    void aSegmentThatShrankIsAnErrorNotALoop() throws IOException {
        List<Path> files = segments(bytes(10, 1), bytes(10, 2));
        try (SegmentedBlobReader reader = SegmentedBlobReader.open(files)) {
            Files.write(files.get(1), new byte[4]);

            assertThatThrownBy(() -> read(reader, 0, 20)).isInstanceOf(IOException.class)
                    .hasMessageContaining("ended before");
        }
    }

    private List<Path> segments(byte[]... pieces) throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            Path f = dir.resolve(FsLayout.segmentName(i + 1) + "-" + System.nanoTime());
            Files.write(f, pieces[i]);
            files.add(f);
        }
        return files;
    }
}
