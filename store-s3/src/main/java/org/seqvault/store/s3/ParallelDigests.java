package org.seqvault.store.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.seqvault.domain.Checksums;

/**
 * MD5 and SHA-256 of a byte stream, each on its own thread, so hashing keeps pace with the
 * network: the caller fills its next buffer while the previous one is being hashed. The threads
 * are shared by all streams and there are as many as cores (at least two), since hashing is all
 * they do: however many uploads run at once, they do not add threads. Not thread-safe: one
 * instance per stream.
 */
final class ParallelDigests implements AutoCloseable {
    static final int THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());
    /** Daemon threads shared by all streams; idle ones go after a minute. */
    private static final ExecutorService SHARED = threads();

    private final MessageDigest md5 = digest("MD5");
    private final MessageDigest sha256 = digest("SHA-256");
    private Future<?> md5Pending;
    private Future<?> sha256Pending;

    /**
     * Starts hashing {@code bytes[0..length)}, after the previous chunk is done. The caller must
     * leave those bytes alone until its next call to {@link #start} or {@link #checksums}.
     */
    void start(byte[] bytes, int length) throws IOException {
        await();
        md5Pending = SHARED.submit(() -> md5.update(bytes, 0, length));
        sha256Pending = SHARED.submit(() -> sha256.update(bytes, 0, length));
    }

    /** The checksums of everything started so far. Call once. */
    Checksums checksums() throws IOException {
        await();
        return checksums(md5, sha256);
    }

    /** The checksums of one small buffer, on the calling thread: too little work for two threads. */
    static Checksums of(byte[] bytes, int length) {
        MessageDigest md5 = digest("MD5");
        MessageDigest sha256 = digest("SHA-256");
        md5.update(bytes, 0, length);
        sha256.update(bytes, 0, length);
        return checksums(md5, sha256);
    }

    private static Checksums checksums(MessageDigest md5, MessageDigest sha256) {
        HexFormat hex = HexFormat.of();
        return new Checksums(hex.formatHex(md5.digest()), hex.formatHex(sha256.digest()));
    }

    private void await() throws IOException {
        await(md5Pending);
        await(sha256Pending);
        md5Pending = null;
        sha256Pending = null;
    }

    private static void await(Future<?> task) throws IOException {
        if (task == null) {
            return;
        }
        try {
            task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        } catch (ExecutionException e) {
            throw new IllegalStateException("hashing failed", e.getCause());
        }
    }

    /** Waits for the chunk being hashed, if any (the caller may reuse its buffer after this), keeping any failure quiet. */
    @Override
    public void close() {
        boolean interrupted = false;
        for (Future<?> task : new Future<?>[] {md5Pending, sha256Pending}) {
            while (task != null) {
                try {
                    task.get();
                    break;
                } catch (InterruptedException e) {
                    // A chunk takes milliseconds to hash: finish waiting, then restore the flag.
                    interrupted = true;
                } catch (ExecutionException e) {
                    break;
                }
            }
        }
        md5Pending = null;
        sha256Pending = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static ExecutorService threads() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name("seqvault-digest-", 0).factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides " + algorithm, e);
        }
    }
}
