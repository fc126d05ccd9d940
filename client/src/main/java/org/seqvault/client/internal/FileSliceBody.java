package org.seqvault.client.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.LongConsumer;

/**
 * A request body of one slice of a file, read as the connection takes it (never the whole part
 * in memory), with its MD5 computed on the way and each chunk reported to {@code onBytes}.
 * One instance per attempt: a retry starts a fresh digest.
 */
final class FileSliceBody {
    private static final int CHUNK = 1 << 20;

    private final FileChannel channel;
    private final long offset;
    private final long length;
    private final LongConsumer onBytes;
    private volatile MessageDigest md5 = Digests.md5();
    private long reported;
    private boolean finished;

    FileSliceBody(FileChannel channel, long offset, long length, LongConsumer onBytes) {
        this.channel = channel;
        this.offset = offset;
        this.length = length;
        this.onBytes = onBytes;
    }

    BodyPublisher publisher() {
        if (length == 0) {
            return BodyPublishers.ofByteArray(new byte[0]);
        }
        // fromPublisher declares the length, so the PUT carries Content-Length (S3 requires it).
        return BodyPublishers.fromPublisher(BodyPublishers.ofByteArrays(this::chunks), length);
    }

    /** Hex MD5 of the bytes sent; valid once the whole body went out. */
    String md5Hex() {
        return Digests.hex(md5);
    }

    /**
     * Ends the attempt: no more bytes are reported, even if the HTTP client still pulls a chunk
     * after a cancel. Returns the bytes reported, to take back when the attempt failed.
     */
    synchronized long finish() {
        finished = true;
        return reported;
    }

    /** A fresh pass over the slice; the HTTP client may start over on a new connection. */
    private Iterator<byte[]> chunks() {
        MessageDigest digest = Digests.md5();
        md5 = digest;
        synchronized (this) {
            if (finished) {
                throw new UncheckedIOException(new IOException("the attempt was abandoned"));
            }
            if (reported != 0) {
                onBytes.accept(-reported);
                reported = 0;
            }
        }
        return new Iterator<>() {
            private long pos = offset;
            private final long end = offset + length;

            @Override
            public boolean hasNext() {
                return pos < end;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] chunk = new byte[(int) Math.min(CHUNK, end - pos)];
                ByteBuffer buf = ByteBuffer.wrap(chunk);
                try {
                    while (buf.hasRemaining()) {
                        if (channel.read(buf, pos + buf.position()) < 0) {
                            throw new IOException("the file shrank while it was being uploaded");
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                pos += chunk.length;
                digest.update(chunk);
                // Counted and reported under the lock, so finish() sees every byte reported or none.
                synchronized (FileSliceBody.this) {
                    if (finished) {
                        throw new UncheckedIOException(new IOException("the attempt was abandoned"));
                    }
                    reported += chunk.length;
                    onBytes.accept(chunk.length);
                }
                return chunk;
            }
        };
    }
}
