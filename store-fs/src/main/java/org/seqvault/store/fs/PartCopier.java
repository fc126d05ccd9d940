package org.seqvault.store.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.seqvault.domain.ByteSize;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;

/**
 * Copies a part's bytes from the request to its staging file, hashing them as they pass, so
 * the part is read once and never held in memory as a whole.
 *
 * <p>A part that fits in one chunk is hashed and written on the calling thread. A larger part
 * goes through a {@link ChunkPipeline}: the calling thread reads the request while each digest
 * (the part's MD5, and SHA-256 or the whole blob's digests when the caller asks) and the file write
 * ({@link DirectWriter}) each run on their own thread, so the part streams at
 * the speed of the slowest of them (MD5, about 0.7 GB/s on one core) rather than of all of them in
 * turn (measured before: 0.155 GB/s for a single presigned PUT; see BENCHMARKS.md).
 */
final class PartCopier {
    private PartCopier() {
    }

    /**
     * Copies {@code in} to {@code out}, the newly created {@code file}, until end of stream, feeding
     * every byte to {@code md5} and to each of {@code alsoHash} (e.g. the part's SHA-256, or the whole
     * blob's digests carried forward by {@link RunningDigests}). A part larger than one chunk is
     * written with O_DIRECT where the file system allows it.
     *
     * @return the number of bytes written; the digests are left unfinished for the caller
     * @throws UserException PAYLOAD_TOO_LARGE as soon as the stream holds more than {@code maxBytes}
     *                       bytes; bytes past the limit are never written
     */
    static long copy(InputStream in, Path file, FileChannel out, long maxBytes, int partNumber, MessageDigest md5,
                     List<MessageDigest> alsoHash) throws IOException {
        List<MessageDigest> digests = new ArrayList<>(alsoHash.size() + 1);
        digests.add(md5);
        digests.addAll(alsoHash);
        // A small upload's limit is small: no need for a whole chunk to learn it was kept.
        byte[] first = new byte[maxBytes < ChunkPipeline.CHUNK_SIZE ? (int) maxBytes + 1 : ChunkPipeline.CHUNK_SIZE];
        int n = read(in, first, 0, maxBytes, partNumber);
        if (n < ChunkPipeline.CHUNK_SIZE) {
            for (MessageDigest digest : digests) {
                digest.update(first, 0, n);
            }
            writeFully(out, first, n);
            return n;
        }
        long total = n;
        Optional<DirectWriter> direct = DirectWriter.open(file);
        List<ChunkPipeline.Stage> stages = new ArrayList<>();
        for (MessageDigest digest : digests) {
            stages.add((b, len) -> digest.update(b, 0, len));
        }
        stages.add(direct.isPresent() ? direct.get()::write : (b, len) -> writeFully(out, b, len));
        try (ChunkPipeline pipeline = new ChunkPipeline(stages)) {
            pipeline.submit(first, n);
            while (!pipeline.failed()) {
                byte[] buffer = pipeline.buffer();
                n = read(in, buffer, total, maxBytes, partNumber);
                if (n == 0) {
                    break;
                }
                total += n;
                pipeline.submit(buffer, n);
            }
            pipeline.finish();
            if (direct.isPresent()) {
                direct.get().finish();
            }
        } finally {
            if (direct.isPresent()) {
                direct.get().close();
            }
        }
        return total;
    }

    /**
     * Fills the buffer unless the stream ends first; returns the bytes read (0 at the end).
     * Asks for at most one byte beyond the limit: enough to know it was exceeded.
     */
    private static int read(InputStream in, byte[] buffer, long total, long maxBytes, int partNumber)
            throws IOException {
        long allowed = maxBytes - total;
        int want = allowed >= buffer.length ? buffer.length : (int) allowed + 1;
        int n = in.readNBytes(buffer, 0, want);
        if (total + n > maxBytes) {
            throw new UserException(Problem.PAYLOAD_TOO_LARGE, "part " + partNumber + " is larger than "
                    + ByteSize.format(maxBytes) + "; send at most that much");
        }
        return n;
    }

    private static void writeFully(FileChannel out, byte[] bytes, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, length);
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
    }
}
