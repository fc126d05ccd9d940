package org.seqvault.store.s3;

import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;

/**
 * The heap that streams into S3 may hold in chunk buffers at once, shared by all of them. A
 * stream leases its two chunks before allocating them and waits, holding nothing, while others
 * hold the budget; so many concurrent uploads slow down instead of running the server out of
 * heap. Fair, so a waiting stream is not overtaken forever.
 */
final class ChunkMemory {
    private final Semaphore bytes;
    private final long capacity;

    ChunkMemory(long capacity) {
        if (capacity < 1 || capacity > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("chunk memory must be between 1 byte and 2 GiB: " + capacity);
        }
        this.capacity = capacity;
        this.bytes = new Semaphore((int) capacity, true);
    }

    /** A quarter of the heap, and at least two default chunks: the rest is the server's. */
    static ChunkMemory forThisHeap() {
        long quarter = Runtime.getRuntime().maxMemory() / 4;
        return new ChunkMemory(Math.min(Integer.MAX_VALUE, Math.max(2L * ChunkedPartWriter.DEFAULT_CHUNK, quarter)));
    }

    /** A lease on {@code size} bytes (at most the whole budget); waits until they are free. */
    Lease lease(long size) throws InterruptedIOException {
        int permits = (int) Math.min(size, capacity);
        try {
            bytes.acquire(permits);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for upload buffer memory");
        }
        return new Lease(permits);
    }

    /** Bytes free right now (for tests and diagnostics). */
    int available() {
        return bytes.availablePermits();
    }

    /** True while some stream waits for its lease. */
    boolean hasWaiters() {
        return bytes.hasQueuedThreads();
    }

    /** Gives its bytes back when closed. */
    final class Lease implements AutoCloseable {
        private final int permits;
        private boolean closed;

        private Lease(int permits) {
            this.permits = permits;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                bytes.release(permits);
            }
        }
    }
}
