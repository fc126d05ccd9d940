package org.seqvault.store.sql;

import java.util.concurrent.atomic.AtomicLong;
import org.seqvault.service.port.RateLimitStore;

/**
 * Rate-limit counts in the metadata database, so every replica adds to one count per key and
 * window. One upsert per sync (a batch of requests, see the service's RateLimiter) adds the
 * batch and returns the new count (SQLite and PostgreSQL both speak
 * {@code INSERT … ON CONFLICT … DO UPDATE … RETURNING}); PostgreSQL's row lock on the
 * conflicting row makes concurrent increments from several replicas add up exactly. Counts are
 * committed without waiting for the disk: a crash may forget the last few, which only loosens
 * the limit for the rest of one window.
 */
public final class SqlRateLimitStore implements RateLimitStore {
    private final SqlMetadataStore store;
    /** The newest window this process has seen; the first request of a newer one drops the older windows. */
    private final AtomicLong newestWindow = new AtomicLong(Long.MIN_VALUE);

    public SqlRateLimitStore(SqlMetadataStore store) {
        this.store = store;
    }

    @Override
    public long add(String key, long windowStart, long count) {
        long seen = newestWindow.get();
        if (windowStart > seen && newestWindow.compareAndSet(seen, windowStart)) {
            dropWindowsBefore(windowStart);
        }
        return store.writeCounters(handle -> handle.createQuery("""
                        INSERT INTO rate_limit_windows (window_start, limit_key, hits) VALUES (:windowStart, :key, :count)
                        ON CONFLICT (window_start, limit_key) DO UPDATE SET hits = rate_limit_windows.hits + :count
                        RETURNING hits""")
                .bind("windowStart", windowStart)
                .bind("key", key)
                .bind("count", count)
                .mapTo(Long.class)
                .one());
    }

    /** A range delete on the primary key's leading column: once per window and process, whatever the traffic. */
    private void dropWindowsBefore(long windowStart) {
        store.writeCounters(handle -> handle.createUpdate("DELETE FROM rate_limit_windows WHERE window_start < :windowStart")
                .bind("windowStart", windowStart)
                .execute());
    }
}
