package org.seqvault.store.s3;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.seqvault.domain.Checksums;

/** Deterministic test content and its checksums computed the plain way (MessageDigest). */
final class TestBytes {
    static final int MIB = 1 << 20;

    private TestBytes() {
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    static Checksums checksumsOf(byte[]... pieces) throws Exception {
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (byte[] piece : pieces) {
            md5.update(piece);
            sha256.update(piece);
        }
        return new Checksums(HexFormat.of().formatHex(md5.digest()), HexFormat.of().formatHex(sha256.digest()));
    }

    static String md5Hex(byte[] bytes) throws Exception {
        return checksumsOf(bytes).md5();
    }

    static byte[] concat(byte[]... pieces) {
        int total = 0;
        for (byte[] p : pieces) {
            total += p.length;
        }
        byte[] all = new byte[total];
        int at = 0;
        for (byte[] p : pieces) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }

    /** A stream that hands out its bytes in small reads, as a network stream of unknown length does. */
    static InputStream trickle(byte[] bytes) {
        return new FilterInputStream(new ByteArrayInputStream(bytes)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 64 * 1024 + 7));
            }
        };
    }
}
