package org.seqvault.service.htsget;

import htsjdk.samtools.seekablestream.SeekableStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.seqvault.service.port.BlobStore.BlobReader;

/**
 * A stored blob as htsjdk's seekable stream, read in windows of {@link #WINDOW} bytes: on S3 each
 * window is one ranged GET, so parsing a header or walking a few records reads only what it needs
 * and never the whole file.
 */
final class BlobInput extends SeekableStream {
    static final int WINDOW = 256 * 1024;

    private final BlobReader reader;
    private final String source;
    private final byte[] window = new byte[WINDOW];
    private long windowStart = -1;
    private int windowLength;
    private long position;

    BlobInput(BlobReader reader, String source) {
        this.reader = reader;
        this.source = source;
    }

    @Override
    public long length() {
        return reader.size();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long to) {
        position = to;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) == 1 ? one[0] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (position >= reader.size()) {
            return -1;
        }
        if (windowStart < 0 || position < windowStart || position >= windowStart + windowLength) {
            fill(position);
        }
        int n = (int) Math.min(len, windowStart + windowLength - position);
        System.arraycopy(window, (int) (position - windowStart), b, off, n);
        position += n;
        return n;
    }

    /** Reads exactly {@code length} bytes at {@code offset} (short only at the end of the blob). */
    byte[] bytesAt(long offset, int length) throws IOException {
        seek(offset);
        byte[] out = new byte[(int) Math.max(0, Math.min(length, reader.size() - offset))];
        int done = 0;
        while (done < out.length) {
            int n = read(out, done, out.length - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return out;
    }

    private void fill(long at) throws IOException {
        int length = (int) Math.min(WINDOW, reader.size() - at);
        ByteBuffer target = ByteBuffer.wrap(window, 0, length);
        reader.transferTo(at, length, new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int n = Math.min(src.remaining(), target.remaining());
                ByteBuffer slice = src.slice();
                slice.limit(n);
                target.put(slice);
                src.position(src.position() + n);
                return n;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        });
        if (target.hasRemaining()) {
            throw new IOException(source + ": short read at " + at + " (" + target.position() + " of " + length + ")");
        }
        windowStart = at;
        windowLength = length;
    }

    @Override
    public boolean eof() {
        return position >= reader.size();
    }

    @Override
    public String getSource() {
        return source;
    }

    @Override
    public void close() throws IOException {
        reader.close();
    }
}
