package org.seqvault.store.fs;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Writes a new file with O_DIRECT, in large aligned blocks that go from our buffer to the device
 * without passing through the page cache. A large upload is written once and rarely read soon
 * after, so caching it only costs: on the measured machine, buffered writes of fresh files slowed
 * from 0.7 to 0.2 GB/s as page-cache pages had to be found for them, while direct writes stayed
 * steady (BENCHMARKS.md). The unaligned tail is written padded, then the file is cut to its size.
 * Durability still needs an fsync of the file (the device's cache, the file's size and extents).
 */
final class DirectWriter implements AutoCloseable {
    /** Bytes per write: direct writes below about 1 MiB were measurably slower here. */
    static final int WRITE_SIZE = 2 << 20;
    private static final int ALIGNMENT = 4096;
    /** Aligned buffers are reused: direct memory is freed only by the collector, which may run rarely. */
    private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();

    private final FileChannel channel;
    private final ByteBuffer buffer;
    private long written;

    private DirectWriter(FileChannel channel, ByteBuffer buffer) {
        this.channel = channel;
        this.buffer = buffer;
    }

    /** A writer for an existing empty file, or empty when its file system does not take O_DIRECT. */
    static Optional<DirectWriter> open(Path file) {
        FileChannel channel;
        try {
            if (Files.getFileStore(file).getBlockSize() > ALIGNMENT) {
                return Optional.empty();
            }
            channel = FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            // tmpfs before Linux 6.6 and some network file systems refuse O_DIRECT: write through the cache.
            return Optional.empty();
        }
        ByteBuffer buffer = POOL.poll();
        if (buffer == null) {
            // Exactly WRITE_SIZE bytes from an aligned address (the aligned slice alone may be a block longer).
            buffer = ByteBuffer.allocateDirect(WRITE_SIZE + ALIGNMENT).alignedSlice(ALIGNMENT).slice(0, WRITE_SIZE);
        }
        buffer.clear();
        return Optional.of(new DirectWriter(channel, buffer));
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
            POOL.offer(buffer);
        }
    }
}
