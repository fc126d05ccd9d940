package org.seqvault.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seqvault.store.fs.TestBlobs.bytes;
import static org.seqvault.store.fs.TestBlobs.concat;
import static org.seqvault.store.fs.TestBlobs.read;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
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

    /**
     * A download hands the response mapped windows of 16 MiB; each is unmapped once written, so a
     * download holds one at a time and none after it, instead of every window it used until a
     * garbage collection happens to free them.
     */
    @Test
    void aDownloadHoldsOneMappedWindowAtATimeAndNoneAfterwards() throws IOException {
        Path segment = dir.resolve("sparse");
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw")) {
            // Sparse: five windows' worth of address space, no disk.
            file.setLength(4 * SegmentedBlobReader.MAP_WINDOW + 1);
        }
        BufferPoolMXBean mapped = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("mapped")).findFirst().orElseThrow();
        long before = mapped.getMemoryUsed();
        long[] mostMapped = {0};
        long[] written = {0};
        WritableByteChannel response = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                mostMapped[0] = Math.max(mostMapped[0], mapped.getMemoryUsed() - before);
                int n = src.remaining();
                src.position(src.limit());
                written[0] += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };

        try (SegmentedBlobReader reader = SegmentedBlobReader.open(List.of(segment))) {
            reader.transferTo(0, reader.size(), response);

            assertThat(written[0]).isEqualTo(reader.size());
            assertThat(mostMapped[0]).as("bytes mapped at once during the download")
                    .isPositive().isLessThanOrEqualTo(SegmentedBlobReader.MAP_WINDOW);
            assertThat(mapped.getMemoryUsed() - before).as("bytes still mapped after it").isLessThanOrEqualTo(0);
        }
    }

    /** The way JDK 21 takes (it cannot unmap a window): through a pooled buffer, larger ranges in several turns. */
    @Test
    void withoutMappedWindowsRangesAreCopiedThroughABuffer() throws IOException {
        byte[][] pieces = {bytes(DirectIo.BUFFER_SIZE + 5_000, 1), new byte[0], bytes(3 * DirectIo.BUFFER_SIZE, 2),
                bytes(17, 3)};
        byte[] whole = concat(pieces);

        try (SegmentedBlobReader reader = SegmentedBlobReader.open(segments(pieces), false)) {
            assertThat(read(reader, 0, whole.length)).isEqualTo(whole);
            assertThat(read(reader, 4_999, 2 * DirectIo.BUFFER_SIZE + 11))
                    .isEqualTo(Arrays.copyOfRange(whole, 4_999, 4_999 + 2 * DirectIo.BUFFER_SIZE + 11));
            assertThat(read(reader, whole.length - 20, 20))
                    .isEqualTo(Arrays.copyOfRange(whole, whole.length - 20, whole.length));
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
