package org.seqvault.store.s3;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.seqvault.domain.Checksums;

/**
 * MD5 and SHA-256 of a byte stream, each on its own thread, so hashing keeps pace with the
 * network: the caller fills its next buffer while the previous one is being hashed. Not
 * thread-safe: one instance per stream.
 */
final class ParallelDigests implements AutoCloseable {
    private final MessageDigest md5 = digest("MD5");
    private final MessageDigest sha256 = digest("SHA-256");
    private final ExecutorService threads = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().daemon().name("seqvault-digest-", 0).factory());
    private Future<?> md5Pending;
    private Future<?> sha256Pending;

    /**
     * Starts hashing {@code bytes[0..length)}, after the previous chunk is done. The caller must
     * leave those bytes alone until its next call to {@link #start} or {@link #checksums}.
     */
    void start(byte[] bytes, int length) throws IOException {
        await();
        md5Pending = threads.submit(() -> md5.update(bytes, 0, length));
        sha256Pending = threads.submit(() -> sha256.update(bytes, 0, length));
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

    @Override
    public void close() {
        threads.shutdownNow();
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides " + algorithm, e);
        }
    }
}
