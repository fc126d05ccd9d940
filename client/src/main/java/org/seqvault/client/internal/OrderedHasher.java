package org.seqvault.client.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;
import java.util.BitSet;

/**
 * Computes a download's SHA-256 while it runs: ranges finish in any order, and a background
 * thread hashes each one (read back from the file, usually from the page cache) as soon as all
 * ranges before it are done. The check at the end then costs almost nothing extra.
 */
final class OrderedHasher implements AutoCloseable {
    private final FileChannel channel;
    private final long rangeSize;
    private final long size;
    private final int ranges;
    private final MessageDigest sha = Digests.sha256();
    private final BitSet ready = new BitSet();
    private final Thread thread;
    private int next;
    private boolean closed;
    private IOException failure;

    OrderedHasher(FileChannel channel, long rangeSize, long size, int ranges, BitSet alreadyDone) {
        this.channel = channel;
        this.rangeSize = rangeSize;
        this.size = size;
        this.ranges = ranges;
        this.ready.or(alreadyDone);
        this.thread = new Thread(this::hashInOrder, "seqvault-sha256");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Range {@code index} (0-based) is complete on disk. */
    synchronized void ready(int index) {
        ready.set(index);
        notifyAll();
    }

    /** Waits for every range to be hashed; the hex SHA-256 of the whole file. */
    String digest() throws IOException, InterruptedException {
        thread.join();
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            if (next < ranges) {
                throw new IllegalStateException("hashing stopped before the end");
            }
        }
        return Digests.hex(sha);
    }

    private void hashInOrder() {
        try {
            while (true) {
                int index;
                synchronized (this) {
                    while (!closed && next < ranges && !ready.get(next)) {
                        wait();
                    }
                    if (closed || next >= ranges) {
                        return;
                    }
                    index = next;
                }
                long offset = (long) index * rangeSize;
                Digests.update(sha, channel, offset, Math.min(rangeSize, size - offset));
                synchronized (this) {
                    next = index + 1;
                }
            }
        } catch (IOException e) {
            synchronized (this) {
                failure = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
    }
}
