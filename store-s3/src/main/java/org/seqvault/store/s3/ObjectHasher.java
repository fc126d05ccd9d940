package org.seqvault.store.s3;

import java.io.IOException;
import java.io.InputStream;
import org.seqvault.domain.Checksums;

/**
 * Checksums of a stream read once, in fixed-size chunks: memory stays at two chunks whatever
 * the object's size. While one chunk is hashed the next is read, so a GetObject of a large
 * blob runs at the speed of the slower of the network and MD5.
 */
final class ObjectHasher {
    static final int CHUNK_SIZE = 4 << 20;

    private ObjectHasher() {
    }

    /** Reads {@code in} to its end (without closing it) and returns its checksums and length. */
    static Hashed hash(InputStream in) throws IOException {
        byte[][] buffers = {new byte[CHUNK_SIZE], new byte[CHUNK_SIZE]};
        long total = 0;
        try (ParallelDigests digests = new ParallelDigests()) {
            int slot = 0;
            int n;
            while ((n = in.readNBytes(buffers[slot], 0, CHUNK_SIZE)) > 0) {
                // start() waits for the other buffer's hashing, so the one filled next is free.
                digests.start(buffers[slot], n);
                total += n;
                slot ^= 1;
            }
            return new Hashed(total, digests.checksums());
        }
    }

    record Hashed(long size, Checksums checksums) {
    }
}
