package org.seqvault.store.fs;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import org.seqvault.domain.Checksums;

/**
 * Checksums of files read back to back as one stream ({@link SequentialReader}: O_DIRECT where the
 * file system allows). Each chunk is read once; through a
 * {@link ChunkPipeline}, MD5 and SHA-256 each run on their own thread while the calling thread
 * reads ahead, so hashing takes about as long as the slower digest (MD5) instead of their sum,
 * and reading from disk overlaps it.
 */
final class SegmentHasher {
    private SegmentHasher() {
    }

    static Checksums hash(List<Path> files) throws IOException {
        return hash(Digests.md5(), Digests.sha256(), files);
    }

    /** Goes on from digests that already hashed what comes before {@code files}. */
    static Checksums hash(MessageDigest md5, MessageDigest sha256, List<Path> files) throws IOException {
        feed(md5, sha256, files);
        return Digests.checksums(md5, sha256);
    }

    /** Feeds the files' bytes to both digests and leaves them unfinished. */
    static void feed(MessageDigest md5, MessageDigest sha256, List<Path> files) throws IOException {
        if (files.isEmpty()) {
            return;
        }
        try (ChunkPipeline pipeline = new ChunkPipeline(List.of(
                (b, len) -> md5.update(b, 0, len),
                (b, len) -> sha256.update(b, 0, len)))) {
            // A buffer taken but left empty at a file's end is kept for the next file: the pipeline has
            // only so many, and one dropped per file would stall a blob of many segments.
            byte[] chunk = null;
            for (Path file : files) {
                try (SequentialReader reader = SequentialReader.open(file)) {
                    while (!pipeline.failed()) {
                        if (chunk == null) {
                            chunk = pipeline.buffer();
                        }
                        int n = reader.read(chunk);
                        if (n == 0) {
                            break;
                        }
                        pipeline.submit(chunk, n);
                        chunk = null;
                    }
                }
            }
            pipeline.finish();
        }
    }
}
