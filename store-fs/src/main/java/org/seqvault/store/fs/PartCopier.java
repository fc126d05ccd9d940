package org.seqvault.store.fs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import org.seqvault.domain.ByteSize;
import org.seqvault.domain.Checksums;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;

/**
 * Copies a part's bytes from the request to its staging file, hashing them as they pass, so
 * the part is read once and never held in memory as a whole.
 */
final class PartCopier {
    /** Large enough that syscalls and digest calls are few per gigabyte. */
    static final int BUFFER_SIZE = 1 << 20;

    private PartCopier() {
    }

    /** What was written: the byte count and the checksums of exactly those bytes. */
    record Copied(long size, Checksums checksums) {
    }

    /**
     * Copies {@code in} to {@code out} until end of stream.
     *
     * @throws UserException PAYLOAD_TOO_LARGE as soon as the stream holds more than {@code maxBytes}
     *                       bytes; bytes past the limit are never written
     */
    static Copied copy(InputStream in, FileChannel out, long maxBytes, int partNumber) throws IOException {
        MessageDigest md5 = Digests.md5();
        MessageDigest sha256 = Digests.sha256();
        byte[] buffer = new byte[BUFFER_SIZE];
        long total = 0;
        while (true) {
            // Ask for at most one byte beyond the limit: enough to know it was exceeded.
            long allowed = maxBytes - total;
            int want = allowed >= buffer.length ? buffer.length : (int) allowed + 1;
            int n = in.readNBytes(buffer, 0, want);
            if (n == 0) {
                break;
            }
            total += n;
            if (total > maxBytes) {
                throw new UserException(Problem.PAYLOAD_TOO_LARGE, "part " + partNumber + " is larger than "
                        + ByteSize.format(maxBytes) + "; send at most that much");
            }
            md5.update(buffer, 0, n);
            sha256.update(buffer, 0, n);
            writeFully(out, ByteBuffer.wrap(buffer, 0, n));
        }
        return new Copied(total, Digests.checksums(md5, sha256));
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }
}
