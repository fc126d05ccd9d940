package org.seqvault.e2e;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** Large pseudo-random files written quickly, with their SHA-256 computed on the way. */
final class TestFiles {
    private TestFiles() {
    }

    /** Writes {@code size} bytes to {@code file} and returns their SHA-256. */
    static String random(Path file, long size, long seed) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        SplittableRandom random = new SplittableRandom(seed);
        ByteBuffer buf = ByteBuffer.allocate(1 << 20);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            long left = size;
            while (left > 0) {
                buf.clear();
                while (buf.remaining() >= 8) {
                    buf.putLong(random.nextLong());
                }
                buf.flip();
                buf.limit((int) Math.min(buf.limit(), left));
                sha.update(buf.array(), 0, buf.limit());
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                left -= buf.limit();
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
