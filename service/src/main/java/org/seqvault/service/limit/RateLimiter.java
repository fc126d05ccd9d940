package org.seqvault.service.limit;

import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.RateLimitStore;

/**
 * Per-token request limits in fixed windows (the Seven Bridges platform allows 1000 requests
 * per 5 minutes). A limit of 0 or less turns limiting off.
 */
public final class RateLimiter {
    private final RateLimitStore store;
    private final Clock clock;
    private final long limit;
    private final long windowSeconds;

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
        long now = clock.now().getEpochSecond();
        long windowStart = now - Math.floorMod(now, windowSeconds);
        long reset = windowStart + windowSeconds;
        if (limit <= 0) {
            return new Quota(-1, -1, reset);
        }
        long used = store.increment(key, windowStart);
        Quota quota = new Quota(limit, Math.max(0, limit - used), reset);
        if (used > limit) {
            throw new Limited(quota, Math.max(1, reset - now));
        }
        return quota;
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
