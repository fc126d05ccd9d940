package org.seqvault.client;

import java.util.function.LongConsumer;

/**
 * Hears how a transfer goes. Called from transfer threads, possibly several at once:
 * implementations must be thread-safe and quick.
 */
public interface ProgressListener {
    /** Hears nothing. */
    ProgressListener NONE = new ProgressListener() {
    };

    /**
     * Before the first byte moves.
     *
     * @param name         the file's name
     * @param totalBytes   the file's size
     * @param resumedBytes bytes already in place from an earlier, interrupted run (not sent again)
     */
    default void started(String name, long totalBytes, long resumedBytes) {
    }

    /**
     * Bytes moved. Negative when a failed attempt's bytes are taken back before a retry, so the
     * running sum is always what has really arrived.
     *
     * @param bytes how many bytes moved since the last call
     */
    default void transferred(long bytes) {
    }

    /**
     * A part or range failed and will be tried again.
     *
     * @param what    which part or range
     * @param attempt the attempt that failed (1 for the first)
     * @param cause   why
     */
    default void retrying(String what, int attempt, Exception cause) {
    }

    /**
     * After the last byte moved and was verified.
     *
     * @param name the file's name
     */
    default void finished(String name) {
    }

    /**
     * A listener that only counts bytes.
     *
     * @param bytes told every {@link #transferred(long)} amount
     * @return the listener
     */
    static ProgressListener onBytes(LongConsumer bytes) {
        return new ProgressListener() {
            @Override
            public void transferred(long n) {
                bytes.accept(n);
            }
        };
    }
}
