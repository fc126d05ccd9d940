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
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/** What {@link DirectWriter} and {@link SequentialReader} share: opening with O_DIRECT, and aligned buffers. */
final class DirectIo {
    /** Bytes per direct read or write: below about 1 MiB they were measurably slower here. */
    static final int BUFFER_SIZE = 2 << 20;
    static final int ALIGNMENT = 4096;
    /**
     * Buffers kept for reuse once released; beyond that, a released buffer is freed. Enough for a few
     * uploads and assemblies at a time to go without allocating, and a burst of many leaves at most
     * this much behind (16 MiB) instead of every buffer it ever used.
     */
    static final int MAX_IDLE = 8;
    private static final ConcurrentLinkedDeque<OffHeap.Block> IDLE = new ConcurrentLinkedDeque<>();
    private static final AtomicInteger IDLE_COUNT = new AtomicInteger();

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

    /**
     * A cleared buffer of exactly {@link #BUFFER_SIZE} bytes from an aligned address, reused or new;
     * give it back with {@link #release}, after which it must not be touched.
     */
    static OffHeap.Block buffer() {
        OffHeap.Block block = IDLE.pollFirst();
        if (block != null) {
            IDLE_COUNT.decrementAndGet();
            block.buffer().clear();
            return block;
        }
        return allocate();
    }

    /** Keeps the buffer for reuse, or frees it when {@link #MAX_IDLE} are kept already. */
    static void release(OffHeap.Block block) {
        if (IDLE_COUNT.incrementAndGet() <= MAX_IDLE) {
            IDLE.offerFirst(block);
        } else {
            IDLE_COUNT.decrementAndGet();
            block.close();
        }
    }

    private static OffHeap.Block allocate() {
        if (OffHeap.explicit()) {
            return OffHeap.allocate(BUFFER_SIZE, ALIGNMENT);
        }
        // JDK 21: a direct buffer, freed by the collector once dropped. The aligned slice alone may be a
        // block longer than asked for.
        ByteBuffer direct = ByteBuffer.allocateDirect(BUFFER_SIZE + ALIGNMENT).alignedSlice(ALIGNMENT)
                .slice(0, BUFFER_SIZE);
        return new OffHeap.Block() {
            @Override
            public ByteBuffer buffer() {
                return direct;
            }

            @Override
            public void close() {
            }
        };
    }
}
