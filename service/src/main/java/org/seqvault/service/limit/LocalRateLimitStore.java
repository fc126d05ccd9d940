package org.seqvault.service.limit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.seqvault.service.port.RateLimitStore;

/**
 * Counts kept in this process only, for a {@link RateLimiter} whose limit need not be shared by
 * replicas and must cost no database write: counting failed authentications in the database would
 * turn every request with a made-up token into a write. Only the newest window's counts (and any
 * older one still being flushed) are kept; the first count of a new window drops the older ones.
 */
public final class LocalRateLimitStore implements RateLimitStore {
    private final ConcurrentNavigableMap<Long, Map<String, AtomicLong>> windows = new ConcurrentSkipListMap<>();

    @Override
    public long add(String key, long windowStart, long count) {
        long total = windows.computeIfAbsent(windowStart, w -> new ConcurrentHashMap<>())
                .computeIfAbsent(key, k -> new AtomicLong())
                .addAndGet(count);
        windows.headMap(windows.lastKey()).clear();
        return total;
    }

    /** Keys counted in windows still held (for tests: what the store costs in memory). */
    int keys() {
        return windows.values().stream().mapToInt(Map::size).sum();
    }
}
