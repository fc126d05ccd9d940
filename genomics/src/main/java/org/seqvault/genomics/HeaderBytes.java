package org.seqvault.genomics;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.seqvault.service.port.BlobStore.BlobReader;

/**
 * A blob's bytes from its start, fetched in windows on demand: each refill is one ranged read
 * ({@link BlobReader#transferTo}; a ranged GET on S3), 64 KiB first, then twice the last, up to 1 MiB,
 * so a small header costs one small read and a large one few reads. Never more than {@code cap}
 * bytes in all: asking past it throws {@link HeaderTooLarge}. A store failure is kept (parsers wrap
 * or swallow I/O errors) so the caller can tell it from bytes that do not parse.
 */
final class HeaderBytes extends InputStream {
    static final int FIRST_WINDOW = 64 << 10;
    static final int LARGEST_WINDOW = 1 << 20;

    private final BlobReader blob;
    private final long cap;
    private final ByteBuffer window;
    private long fetched;
    private int nextWindow = FIRST_WINDOW;
    private IOException storeFailure;

    HeaderBytes(BlobReader blob, long cap) {
        this.blob = blob;
        this.cap = cap;
        this.window = ByteBuffer.allocate(LARGEST_WINDOW).limit(0);
    }

    /** Bytes fetched from the store so far. */
    long bytesRead() {
        return fetched;
    }

    /** The store error a read met, if any. */
    IOException storeFailure() {
        return storeFailure;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return window.get() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, window.remaining());
        window.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        return window.remaining();
    }

    /** True when bytes are ready in the window, fetching the next window if it is empty. */
    private boolean fill() throws IOException {
        if (window.hasRemaining()) {
            return true;
        }
        long left = blob.size() - fetched;
        if (left <= 0) {
            return false;
        }
        if (fetched >= cap) {
            throw new HeaderTooLarge(cap);
        }
        int length = (int) Math.min(Math.min(nextWindow, left), cap - fetched);
        window.clear().limit(length);
        try {
            blob.transferTo(fetched, length, new Into(window));
        } catch (IOException e) {
            storeFailure = e;
            throw e;
        }
        window.flip();
        fetched += length;
        nextWindow = Math.min(nextWindow * 2, LARGEST_WINDOW);
        return window.hasRemaining();
    }

    /** The header goes on past the bytes a read may take. */
    static final class HeaderTooLarge extends RuntimeException {
        HeaderTooLarge(long cap) {
            super("the header is larger than " + cap + " bytes", null, false, false);
        }
    }

    /** Writes what the store sends into the window. */
    private record Into(ByteBuffer target) implements WritableByteChannel {
        @Override
        public int write(ByteBuffer src) throws IOException {
            if (src.remaining() > target.remaining()) {
                throw new IOException("the store sent more bytes than were asked for");
            }
            int n = src.remaining();
            target.put(src);
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {
        }
    }
}
