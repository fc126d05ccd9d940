package org.seqvault.service.limit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.seqvault.service.port.RateLimitStore;

/** Window counts in this process only: right for one server; replicas need a shared store. */
public final class LocalRateLimitStore implements RateLimitStore {
    private record Window(String key, long start) {
    }

    private final ConcurrentHashMap<Window, AtomicLong> counts = new ConcurrentHashMap<>();
    private final AtomicLong newestWindow = new AtomicLong();

    @Override
    public long increment(String key, long windowStart) {
        // When a new window opens, older ones are dropped: the map holds about one entry per active key.
        long seen = newestWindow.get();
        if (windowStart > seen && newestWindow.compareAndSet(seen, windowStart)) {
            counts.keySet().removeIf(w -> w.start() < windowStart);
        }
        return counts.computeIfAbsent(new Window(key, windowStart), w -> new AtomicLong()).incrementAndGet();
    }
}
