package org.seqvault.store.fs;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;

/** What {@link DirectWriter} and {@link SequentialReader} share: opening with O_DIRECT, and aligned buffers. */
final class DirectIo {
    /** Bytes per direct read or write: below about 1 MiB they were measurably slower here. */
    static final int BUFFER_SIZE = 2 << 20;
    static final int ALIGNMENT = 4096;
    /** Aligned buffers are reused: direct memory is freed only by the collector, which may run rarely. */
    private static final ConcurrentLinkedQueue<ByteBuffer> POOL = new ConcurrentLinkedQueue<>();

    private DirectIo() {
    }

    /**
     * The file opened with O_DIRECT, or empty when its file system does not take it (tmpfs before
     * Linux 6.6, some network file systems): the caller then goes through the page cache.
     *
     * @throws NoSuchFileException when the file is not there
     */
    static Optional<FileChannel> open(Path file, OpenOption mode) throws IOException {
        try {
            if (Files.getFileStore(file).getBlockSize() > ALIGNMENT) {
                return Optional.empty();
            }
            return Optional.of(FileChannel.open(file, mode, ExtendedOpenOption.DIRECT));
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** A cleared buffer of exactly {@link #BUFFER_SIZE} bytes from an aligned address; give it back with {@link #release}. */
    static ByteBuffer buffer() {
        ByteBuffer buffer = POOL.poll();
        if (buffer == null) {
            // The aligned slice alone may be a block longer than asked for.
            buffer = ByteBuffer.allocateDirect(BUFFER_SIZE + ALIGNMENT).alignedSlice(ALIGNMENT).slice(0, BUFFER_SIZE);
        }
        return buffer.clear();
    }

    static void release(ByteBuffer buffer) {
        POOL.offer(buffer);
    }
}
