package org.seqvault.service.limit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.RateLimitStore;

/**
 * Per-token request limits in fixed windows (the Seven Bridges platform allows 1000 requests
 * per 5 minutes). A limit of 0 or less turns limiting off.
 *
 * <p>The count that matters is the shared one in the {@link RateLimitStore}, which every replica
 * adds to. Writing it on every request made each request a database write (on SQLite, all
 * queued behind one writer), so each replica counts locally and syncs a token's count — adds
 * what it counted since its last sync and reads back the total of all replicas — when any of
 * these holds:
 * <ul>
 *   <li>its last sync for the token is {@link #SYNC_INTERVAL_MILLIS} old or older (then the
 *       request syncs before it is answered), or {@link #flush()} runs (the server calls it on
 *       that interval, so counts reach the other replicas even when the token goes quiet);</li>
 *   <li>it has counted 1/{@link #BATCH_DIVISOR} of what it last saw left of the quota since
 *       the last sync, and at least one and at most {@link #MAX_BATCH} requests. Near the limit
 *       that is every request, which is then counted in the database before it is answered,
 *       exactly as without batching.</li>
 * </ul>
 * A request is admitted when the total seen at the last sync plus the local count stays within
 * the limit. One replica therefore enforces the limit exactly; with several replicas serving
 * one token at the same moment, a replica's view lacks at most what the others counted since
 * its last sync, so a window can admit a few requests more than the limit: at most
 * {@link #MAX_BATCH} per replica, and far fewer near the limit.
 */
public final class RateLimiter {
    /** How stale a replica's view of a token's shared count may get before a request refreshes it. */
    public static final long SYNC_INTERVAL_MILLIS = 200;
    static final long BATCH_DIVISOR = 16;
    static final long MAX_BATCH = 64;

    private final RateLimitStore store;
    private final Clock clock;
    private final long limit;
    private final long windowSeconds;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public RateLimiter(RateLimitStore store, Clock clock, long limit, long windowSeconds) {
        if (windowSeconds <= 0) {
            throw new IllegalArgumentException("windowSeconds must be positive: " + windowSeconds);
        }
        this.store = store;
        this.clock = clock;
        this.limit = limit;
        this.windowSeconds = windowSeconds;
    }

    /** Where a caller stands after a request: the values of the X-RateLimit-* headers. */
    public record Quota(long limit, long remaining, long resetEpochSecond) {
    }

    /** Counts one request for {@code key}; throws RATE_LIMITED (with the quota) when the window is used up. */
    public Quota acquire(String key) {
        long nowMillis = clock.now().toEpochMilli();
        long now = Math.floorDiv(nowMillis, 1000);
        long windowStart = now - Math.floorMod(now, windowSeconds);
        long reset = windowStart + windowSeconds;
        if (limit <= 0) {
            return new Quota(-1, -1, reset);
        }
        Counter counter;
        Counter.Step step;
        do {
            counter = counters.computeIfAbsent(key, Counter::new);
            step = counter.count(windowStart, nowMillis, limit);
            if (step == null) {
                counters.remove(key, counter); // retired by flush() meanwhile
            }
        } while (step == null);
        long seen = step.syncCount() > 0 ? counter.sync(store, windowStart, step.syncCount()) : step.seen();
        Quota quota = new Quota(limit, Math.max(0, limit - seen), reset);
        if (seen > limit) {
            throw new Limited(quota, Math.max(1, reset - now));
        }
        return quota;
    }

    /**
     * Adds every locally counted request to the shared counts and forgets windows that are over.
     * The server runs this every {@link #SYNC_INTERVAL_MILLIS}; a failure leaves the counts to
     * the next run.
     */
    public void flush() {
        long nowMillis = clock.now().toEpochMilli();
        long now = Math.floorDiv(nowMillis, 1000);
        long windowStart = now - Math.floorMod(now, windowSeconds);
        RuntimeException failure = null;
        for (Counter counter : counters.values()) {
            Counter.Pending pending = counter.takeForFlush(nowMillis);
            try {
                if (pending != null) {
                    counter.sync(store, pending.window(), pending.count());
                }
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure; // the other keys still get their turn
            }
            if (counter.retireIfIdleBefore(windowStart)) {
                counters.remove(counter.key, counter);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * One key's view on this replica. All fields are guarded by the counter's monitor, which is
     * never held across a store call: a sync takes the local count out (into {@code inFlight}),
     * writes it unlocked, then merges the total back.
     */
    static final class Counter {
        private final String key;
        private long window = Long.MIN_VALUE;
        /** The shared total at the newest sync (it only grows within a window). */
        private long shared;
        /** Counted here and not yet sent. */
        private long unflushed;
        /** Sent, total not yet back. */
        private long inFlight;
        private long syncedAtMillis = Long.MIN_VALUE;
        /** Removed from the map: a request that still got hold of it must take a fresh one. */
        private boolean retired;

        Counter(String key) {
            this.key = key;
        }

        /** What to do with one more request: a count to sync now (> 0), or the count seen locally. */
        record Step(long syncCount, long seen) {
        }

        /** Counted requests to send for one window. */
        record Pending(long window, long count) {
        }

        /** Null when the counter has been retired. */
        synchronized Step count(long windowStart, long nowMillis, long limit) {
            if (retired) {
                return null;
            }
            if (window != windowStart) {
                // A new window: counts of the old one only mattered to the old one.
                window = windowStart;
                shared = 0;
                unflushed = 0;
                inFlight = 0;
                syncedAtMillis = Long.MIN_VALUE;
            }
            if (shared >= limit) {
                return new Step(0, shared + 1); // used up for the rest of the window: no write needed to say so
            }
            long batch = Math.clamp((limit - shared) / BATCH_DIVISOR, 1, MAX_BATCH);
            boolean stale = nowMillis - SYNC_INTERVAL_MILLIS >= syncedAtMillis; // no overflow at MIN_VALUE
            if (stale || unflushed + 1 >= batch) {
                long send = unflushed + 1;
                unflushed = 0;
                inFlight += send;
                syncedAtMillis = nowMillis;
                return new Step(send, 0);
            }
            long seen = shared + inFlight + unflushed + 1;
            if (seen <= limit) {
                unflushed++;
            }
            return new Step(0, seen);
        }

        /**
         * Sends {@code count} (already moved to inFlight) and returns the shared total, which
         * includes it: for a request that synced, its place in the window's count.
         */
        long sync(RateLimitStore store, long windowStart, long count) {
            long total;
            try {
                total = store.add(key, windowStart, count);
            } catch (RuntimeException e) {
                synchronized (this) {
                    if (window == windowStart) {
                        inFlight -= count;
                        unflushed += count; // sent again with the next sync
                    }
                }
                throw e;
            }
            synchronized (this) {
                if (window == windowStart) {
                    inFlight -= count;
                    shared = Math.max(shared, total);
                }
            }
            return total;
        }

        synchronized Pending takeForFlush(long nowMillis) {
            if (unflushed == 0) {
                return null;
            }
            long send = unflushed;
            unflushed = 0;
            inFlight += send;
            syncedAtMillis = nowMillis;
            return new Pending(window, send);
        }

        /** Retires a counter whose window is over and whose counts have all been sent. */
        synchronized boolean retireIfIdleBefore(long windowStart) {
            retired = window < windowStart && unflushed == 0 && inFlight == 0;
            return retired;
        }
    }

    /** The rate-limit refusal, carrying what the response headers need. */
    public static final class Limited extends RuntimeException {
        private final Quota quota;
        private final long retryAfterSeconds;

        Limited(Quota quota, long retryAfterSeconds) {
            super("rate limit of " + quota.limit() + " requests per window exceeded; retry in " + retryAfterSeconds
                    + " s", null, false, false);
            this.quota = quota;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public Quota quota() {
            return quota;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        public UserException asUserError() {
            return new UserException(Problem.RATE_LIMITED, getMessage());
        }
    }
}
