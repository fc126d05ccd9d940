package org.seqvault.store.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Writes a new file with O_DIRECT, in large aligned blocks that go from our buffer to the device
 * without passing through the page cache. A large upload is written once and rarely read soon
 * after, so caching it only costs: on the measured machine, buffered writes of fresh files slowed
 * from 0.7 to 0.2 GB/s as page-cache pages had to be found for them, while direct writes stayed
 * steady (BENCHMARKS.md). The unaligned tail is written padded, then the file is cut to its size.
 * Durability still needs an fsync of the file (the device's cache, the file's size and extents).
 */
final class DirectWriter implements AutoCloseable {
    static final int WRITE_SIZE = DirectIo.BUFFER_SIZE;
    private static final int ALIGNMENT = DirectIo.ALIGNMENT;

    private final FileChannel channel;
    private final OffHeap.Block memory;
    private final ByteBuffer buffer;
    private long written;

    private DirectWriter(FileChannel channel, OffHeap.Block memory) {
        this.channel = channel;
        this.memory = memory;
        this.buffer = memory.buffer();
    }

    /** A writer for an existing empty file, or empty when its file system does not take O_DIRECT. */
    static Optional<DirectWriter> open(Path file) throws IOException {
        return DirectIo.open(file, StandardOpenOption.WRITE).map(channel -> new DirectWriter(channel, DirectIo.buffer()));
    }

    void write(byte[] bytes, int length) throws IOException {
        int offset = 0;
        while (offset < length) {
            int n = Math.min(buffer.remaining(), length - offset);
            buffer.put(bytes, offset, n);
            offset += n;
            if (!buffer.hasRemaining()) {
                flush(WRITE_SIZE);
            }
        }
    }

    /** Writes what is buffered, padded to the alignment, then trims the padding off the file. */
    void finish() throws IOException {
        int pending = buffer.position();
        if (pending > 0) {
            int padded = (pending + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
            while (buffer.position() < padded) {
                buffer.put((byte) 0);
            }
            flush(padded);
            written -= padded - pending;
            channel.truncate(written);
        }
    }

    private void flush(int length) throws IOException {
        buffer.flip();
        buffer.limit(length);
        while (buffer.hasRemaining()) {
            written += channel.write(buffer);
        }
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            DirectIo.release(memory);
        }
    }
}
