package org.seqvault.store.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Reads a file from start to end with O_DIRECT, in large aligned blocks. Parts are written with
 * O_DIRECT ({@link DirectWriter}), so when a blob is hashed again they are not in the page cache and
 * come from the device: on the measured machine buffered reads of such a file ran at 0.46–0.53 GB/s,
 * below one core's MD5 (0.76 GB/s), while direct reads of 1–4 MiB blocks ran at 0.83–1.5 GB/s
 * (bench/FIXES.md, section 10). Linux writes back any cached dirty pages of the range before a
 * direct read, so what is read is what was written.
 */
final class DirectReader implements AutoCloseable {
    static final int READ_SIZE = DirectIo.BUFFER_SIZE;
    private static final int ALIGNMENT = DirectIo.ALIGNMENT;

    private final FileChannel channel;
    private final ByteBuffer buffer;
    private boolean ended;

    private DirectReader(FileChannel channel, ByteBuffer buffer) {
        this.channel = channel;
        this.buffer = buffer;
    }

    /** A reader of the file, or empty when its file system does not take O_DIRECT. */
    static Optional<DirectReader> open(Path file) throws IOException {
        return DirectIo.open(file, StandardOpenOption.READ).map(channel -> {
            // Nothing to hand out until the first read.
            ByteBuffer buffer = DirectIo.buffer().limit(0);
            return new DirectReader(channel, buffer);
        });
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

    /** Reads the next block; false at the end of the file. Only the last read of a file comes back short. */
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
            if (buffer.position() % ALIGNMENT != 0) {
                // A short read that is not block-aligned can only be the end of the file.
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
            DirectIo.release(buffer);
        }
    }
}
