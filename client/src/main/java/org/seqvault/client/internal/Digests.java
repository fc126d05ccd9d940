package org.seqvault.client.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** MD5 (part ETags) and SHA-256 (whole files), in lower-case hex. */
public final class Digests {
    private static final int BUFFER = 1 << 20;

    private Digests() {
    }

    public static MessageDigest md5() {
        return digest("MD5");
    }

    public static MessageDigest sha256() {
        return digest("SHA-256");
    }

    public static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest());
    }

    /** Feeds {@code length} bytes of {@code ch} from {@code offset} into {@code digest}. */
    public static void update(MessageDigest digest, FileChannel ch, long offset, long length) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BUFFER, Math.max(length, 1)));
        long pos = offset;
        long end = offset + length;
        while (pos < end) {
            buf.clear().limit((int) Math.min(buf.capacity(), end - pos));
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new IOException("the file ended at byte " + pos + ", before " + end);
            }
            digest.update(buf.array(), 0, n);
            pos += n;
        }
    }

    /** Hex MD5 of a slice of a file. */
    public static String md5Of(FileChannel ch, long offset, long length) throws IOException {
        MessageDigest d = md5();
        update(d, ch, offset, length);
        return hex(d);
    }

    private static MessageDigest digest(String name) {
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(name + " is missing from this JDK", e);
        }
    }
}
