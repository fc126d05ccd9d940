package org.seqvault.store.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file from start to end in large blocks, with O_DIRECT where its file system allows,
 * else through the page cache. Parts are written with O_DIRECT ({@link DirectWriter}), so when a
 * blob is hashed again they are not in the page cache and come from the device: on the measured
 * machine buffered reads of such a file ran at 0.46–0.53 GB/s, below one core's MD5 (0.76 GB/s),
 * while direct reads of 1–4 MiB blocks ran at 0.83–1.5 GB/s (bench/FIXES.md, section 10). Linux
 * writes back any cached dirty pages of the range before a direct read, so what is read is what
 * was written.
 */
final class SequentialReader implements AutoCloseable {
    static final int READ_SIZE = DirectIo.BUFFER_SIZE;

    private final FileChannel channel;
    private final boolean direct;
    private final OffHeap.Block memory;
    private final ByteBuffer buffer;
    private boolean ended;

    private SequentialReader(FileChannel channel, boolean direct) {
        this.channel = channel;
        this.direct = direct;
        this.memory = DirectIo.buffer();
        // Nothing to hand out until the first read.
        this.buffer = memory.buffer().limit(0);
    }

    static SequentialReader open(Path file) throws IOException {
        return open(file, true);
    }

    /** @param tryDirect false to read through the page cache even where O_DIRECT would do (for tests) */
    static SequentialReader open(Path file, boolean tryDirect) throws IOException {
        if (tryDirect) {
            FileChannel direct = DirectIo.open(file, StandardOpenOption.READ).orElse(null);
            if (direct != null) {
                return new SequentialReader(direct, true);
            }
        }
        return new SequentialReader(FileChannel.open(file, StandardOpenOption.READ), false);
    }

    /** Fills {@code chunk} unless the file ends first; returns the bytes read (0 at the end of the file). */
    int read(byte[] chunk) throws IOException {
        int filled = 0;
        while (filled < chunk.length) {
            if (!buffer.hasRemaining() && !refill()) {
                break;
            }
            int n = Math.min(buffer.remaining(), chunk.length - filled);
            buffer.get(chunk, filled, n);
            filled += n;
        }
        return filled;
    }

    /** Reads the next block; false at the end of the file. */
    private boolean refill() throws IOException {
        if (ended) {
            return false;
        }
        buffer.clear();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) <= 0) {
                ended = true;
                break;
            }
            if (direct && buffer.position() % DirectIo.ALIGNMENT != 0) {
                // A direct read that ends off a block boundary can only be the end of the file; reading
                // on from an unaligned offset would fail.
                ended = true;
                break;
            }
        }
        buffer.flip();
        return buffer.hasRemaining();
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
