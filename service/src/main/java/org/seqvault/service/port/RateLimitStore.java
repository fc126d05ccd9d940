package org.seqvault.service.port;

/**
 * Counts requests per key in fixed time windows. The local implementation keeps counts in
 * this process; with several replicas the store must be shared so every replica sees one count.
 */
public interface RateLimitStore {
    /** Adds one request to the key's count in the window starting at {@code windowStart} (epoch seconds) and returns the new count. */
    long increment(String key, long windowStart);
}
