package org.seqvault.service.port;

/**
 * Counts requests per key in fixed time windows. The store is shared by every replica (it lives
 * in the metadata database), so a key has one count however its requests are spread.
 */
public interface RateLimitStore {
    /**
     * Adds {@code count} requests to the key's count in the window starting at {@code windowStart}
     * (epoch seconds) and returns the new count, which includes what every replica added.
     */
    long add(String key, long windowStart, long count);
}
