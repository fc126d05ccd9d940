package org.seqvault.e2e;

import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * A request body of any size made up as it is sent, never stored: 1 MiB of seeded random bytes
 * repeated, each MiB starting with its own number (so a MiB written at the wrong place changes
 * the SHA-256). The SHA-256 of what was sent is computed on the way, and that of any range can be
 * computed again without the bytes.
 */
final class GeneratedBytes {
    private static final int BLOCK = 1 << 20;
    private static final byte[] PATTERN = new byte[BLOCK];

    static {
        new SplittableRandom(20261206L).nextBytes(PATTERN);
    }

    private final long size;
    private final MessageDigest sent = newSha256();

    GeneratedBytes(long size) {
        this.size = size;
    }

    /** The body, with its Content-Length. */
    BodyPublisher publisher() {
        return BodyPublishers.fromPublisher(BodyPublishers.ofInputStream(() -> new Stream(0, size, sent)), size);
    }

    /** The hex SHA-256 of the bytes sent (once the body has been sent). */
    String sha256() {
        return HexFormat.of().formatHex(sent.digest());
    }

    /** The hex SHA-256 of bytes {@code [offset, offset + length)}. */
    static String sha256Of(long offset, long length) throws Exception {
        MessageDigest d = newSha256();
        try (InputStream in = new Stream(offset, length, d)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(d.digest());
    }

    private static byte at(long position) {
        long block = position / BLOCK;
        int within = (int) (position % BLOCK);
        return within < Long.BYTES ? ByteBuffer.allocate(Long.BYTES).putLong(block).get(within) : PATTERN[within];
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Bytes {@code [offset, end)}, each fed to the digest as it is read. */
    private static final class Stream extends InputStream {
        private final long end;
        private final MessageDigest digest;
        private long position;

        Stream(long offset, long length, MessageDigest digest) {
            this.position = offset;
            this.end = offset + length;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buf, int off, int len) {
            if (position >= end) {
                return -1;
            }
            int n = (int) Math.min(len, end - position);
            int done = 0;
            while (done < n) {
                int within = (int) ((position + done) % BLOCK);
                int run = Math.min(n - done, BLOCK - within);
                if (within < Long.BYTES) { // the block's number, then the pattern
                    for (int i = 0; i < run && within + i < Long.BYTES; i++) {
                        buf[off + done + i] = at(position + done + i);
                    }
                    int header = Math.min(run, Long.BYTES - within);
                    System.arraycopy(PATTERN, within + header, buf, off + done + header, run - header);
                } else {
                    System.arraycopy(PATTERN, within, buf, off + done, run);
                }
                done += run;
            }
            digest.update(buf, off, n);
            position += n;
            return n;
        }
    }
}
