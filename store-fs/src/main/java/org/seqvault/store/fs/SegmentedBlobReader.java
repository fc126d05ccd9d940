package org.seqvault.store.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.seqvault.service.port.BlobStore.BlobReader;

/**
 * Reads a blob stored as consecutive segment files as if it were one file. To a socket or file
 * channel, transfers use {@link FileChannel#transferTo} (sendfile). To any other channel — an
 * HTTP response — they hand over large read-only mapped windows of the file, which the JDK's own
 * transferTo would instead copy through an 8 KiB buffer (measured: 0.6× nginx's download speed;
 * see BENCHMARKS.md). Each window is unmapped as soon as it is written ({@link OffHeap}), so a
 * download holds one window at a time; on JDK 21, which cannot unmap but through the garbage
 * collector, the range goes through one pooled buffer instead ({@link DirectIo}). One segment is open
 * at a time (a blob can have thousands). Not thread-safe: one reader per response.
 */
final class SegmentedBlobReader implements BlobReader {
    /** Bytes mapped at a time when writing to a channel that is not a socket or file. */
    static final long MAP_WINDOW = 16L << 20;

    private final Path[] segments;
    /** starts[i] is the blob offset of segment i's first byte; starts[n] is the blob size. */
    private final long[] starts;
    /** False to copy through a buffer what would otherwise be handed over as mapped windows. */
    private final boolean mapWindows;
    private FileChannel openChannel;
    private int openIndex = -1;

    private SegmentedBlobReader(Path[] segments, long[] starts, boolean mapWindows) {
        this.segments = segments;
        this.starts = starts;
        this.mapWindows = mapWindows;
    }

    static SegmentedBlobReader open(List<Path> segments) throws IOException {
        return open(segments, OffHeap.explicit());
    }

    /** @param mapWindows true to hand over mapped windows (only where they can be unmapped: {@link OffHeap#explicit()}) */
    static SegmentedBlobReader open(List<Path> segments, boolean mapWindows) throws IOException {
        Path[] files = segments.toArray(Path[]::new);
        long[] starts = new long[files.length + 1];
        for (int i = 0; i < files.length; i++) {
            starts[i + 1] = starts[i] + Files.size(files[i]);
        }
        return new SegmentedBlobReader(files, starts, mapWindows);
    }

    @Override
    public long size() {
        return starts[segments.length];
    }

    /**
     * Copies {@code length} bytes from blob offset {@code offset} to {@code target}, crossing
     * segment boundaries as needed. The target must be a blocking channel.
     */
    @Override
    public void transferTo(long offset, long length, WritableByteChannel target) throws IOException {
        if (offset < 0 || length < 0 || offset > size() - length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " is outside the blob's "
                    + size() + " bytes");
        }
        long position = offset;
        long remaining = length;
        while (remaining > 0) {
            int index = segmentAt(position);
            FileChannel channel = channel(index);
            long inSegment = position - starts[index];
            long count = Math.min(remaining, starts[index + 1] - position);
            if (target instanceof FileChannel || target instanceof SelectableChannel) {
                sendfile(index, channel, inSegment, count, target);
            } else if (mapWindows) {
                writeMapped(index, channel, inSegment, count, target);
            } else {
                writeCopied(index, channel, inSegment, count, target);
            }
            position += count;
            remaining -= count;
        }
    }

    private void sendfile(int index, FileChannel channel, long from, long count, WritableByteChannel target)
            throws IOException {
        long done = 0;
        while (done < count) {
            long sent = channel.transferTo(from + done, count - done, target);
            if (sent <= 0) {
                // A blocking target always takes something; nothing moved means the file is short.
                throw new IOException("segment " + segments[index] + " ended before its recorded size, or the"
                        + " target channel is non-blocking");
            }
            done += sent;
        }
    }

    /**
     * Writes the range as mapped windows: the target reads the page cache directly, with no copy
     * into a buffer of ours. Each window is unmapped once the target took it (a blocking write is
     * done with its buffer when it returns; should the target touch it later, that throws instead
     * of reading freed memory).
     */
    private void writeMapped(int index, FileChannel channel, long from, long count, WritableByteChannel target)
            throws IOException {
        requireLength(index, channel, from, count);
        for (long done = 0; done < count; ) {
            long window = Math.min(MAP_WINDOW, count - done);
            try (OffHeap.Block mapped = OffHeap.mapReadOnly(channel, from + done, window)) {
                writeFully(mapped.buffer(), target);
            }
            done += window;
        }
    }

    /** Writes the range through one pooled buffer: one copy more than a mapping, but nothing left mapped. */
    private void writeCopied(int index, FileChannel channel, long from, long count, WritableByteChannel target)
            throws IOException {
        requireLength(index, channel, from, count);
        OffHeap.Block memory = DirectIo.buffer();
        try {
            ByteBuffer buffer = memory.buffer();
            for (long done = 0; done < count; ) {
                buffer.clear().limit((int) Math.min(buffer.capacity(), count - done));
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, from + done + buffer.position()) < 0) {
                        throw new IOException("segment " + segments[index] + " ended before its recorded size");
                    }
                }
                done += buffer.flip().remaining();
                writeFully(buffer, target);
            }
        } finally {
            DirectIo.release(memory);
        }
    }

    private void requireLength(int index, FileChannel channel, long from, long count) throws IOException {
        if (from + count > channel.size()) {
            throw new IOException("segment " + segments[index] + " ended before its recorded size");
        }
    }

    private static void writeFully(ByteBuffer buffer, WritableByteChannel target) throws IOException {
        while (buffer.hasRemaining()) {
            if (target.write(buffer) < 0) {
                throw new IOException("the target channel refused bytes");
            }
        }
    }

    /** Index of the segment holding blob offset {@code position} (skipping empty segments). */
    private int segmentAt(long position) {
        int i = Arrays.binarySearch(starts, 0, segments.length, position);
        if (i < 0) {
            return -i - 2;
        }
        // Empty segments share their start with the next one; take the last segment starting here.
        while (i + 1 < segments.length && starts[i + 1] == position) {
            i++;
        }
        return i;
    }

    private FileChannel channel(int index) throws IOException {
        if (index != openIndex) {
            closeOpenChannel();
            openChannel = FileChannel.open(segments[index], StandardOpenOption.READ);
            openIndex = index;
        }
        return openChannel;
    }

    private void closeOpenChannel() throws IOException {
        if (openChannel != null) {
            FileChannel c = openChannel;
            openChannel = null;
            openIndex = -1;
            c.close();
        }
    }

    @Override
    public void close() throws IOException {
        closeOpenChannel();
    }
}
