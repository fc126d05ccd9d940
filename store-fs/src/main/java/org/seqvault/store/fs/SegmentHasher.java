package org.seqvault.store.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.seqvault.domain.Checksums;

/**
 * Checksums of files read back to back as one stream. Each chunk is read once; MD5 runs on
 * the calling thread while SHA-256 runs on a helper thread over the same buffer, so hashing
 * takes about as long as the slower of the two instead of their sum.
 */
final class SegmentHasher {
    static final int CHUNK_SIZE = 1 << 20;

    private SegmentHasher() {
    }

    static Checksums hash(List<Path> files) throws IOException {
        MessageDigest md5 = Digests.md5();
        MessageDigest sha256 = Digests.sha256();
        byte[] chunk = new byte[CHUNK_SIZE];
        try (ExecutorService helper = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("seqvault-sha256").factory())) {
            for (Path file : files) {
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                    int n;
                    while ((n = readFully(channel, chunk)) > 0) {
                        int length = n;
                        Future<?> sha256Done = helper.submit(() -> sha256.update(chunk, 0, length));
                        md5.update(chunk, 0, length);
                        // The chunk is refilled only after both digests are done with it.
                        await(sha256Done);
                    }
                }
            }
        }
        return Digests.checksums(md5, sha256);
    }

    /** Fills the chunk unless the file ends first; returns the bytes read (0 at end of file). */
    private static int readFully(FileChannel channel, byte[] chunk) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(chunk);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                break;
            }
        }
        return buffer.position();
    }

    private static void await(Future<?> task) throws IOException {
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        } catch (ExecutionException e) {
            throw new IllegalStateException("SHA-256 failed", e.getCause());
        }
    }
}
