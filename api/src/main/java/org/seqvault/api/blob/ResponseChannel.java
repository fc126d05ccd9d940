package org.seqvault.api.blob;

import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.WritableByteChannel;
import org.eclipse.jetty.ee10.servlet.HttpOutput;

/**
 * A response body as a channel that hands whole buffers to Jetty, so a large (mapped) buffer goes
 * to the socket as it is. {@code Channels.newChannel(out)} would copy it through an 8 KiB array.
 */
final class ResponseChannel implements WritableByteChannel {
    private static final int COPY_CHUNK = 64 * 1024;
    private final ServletOutputStream out;
    private boolean open = true;

    ResponseChannel(ServletOutputStream out) {
        this.out = out;
    }

    @Override
    public int write(ByteBuffer src) throws IOException {
        if (!open) {
            throw new ClosedChannelException();
        }
        int n = src.remaining();
        if (out instanceof HttpOutput jetty) {
            // A blocking write: when it returns Jetty is done with the buffer.
            jetty.write(src);
            src.position(src.limit());
        } else {
            byte[] chunk = new byte[Math.min(n, COPY_CHUNK)];
            while (src.hasRemaining()) {
                int len = Math.min(chunk.length, src.remaining());
                src.get(chunk, 0, len);
                out.write(chunk, 0, len);
            }
        }
        return n;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Leaves the response stream open: the servlet container finishes the response. */
    @Override
    public void close() {
        open = false;
    }
}
