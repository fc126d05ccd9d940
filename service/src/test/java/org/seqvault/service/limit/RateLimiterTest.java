package org.seqvault.service.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.seqvault.domain.Problem;
import org.seqvault.service.port.RateLimitStore;

class RateLimiterTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochSecond(1_000_200));
    private final Map<String, Long> counts = new HashMap<>();
    /** Counts by key and window, as the SQL store keeps them. */
    private final RateLimitStore store = (key, windowStart) -> counts.merge(key + "@" + windowStart, 1L, Long::sum);
    private final RateLimiter limiter = new RateLimiter(store, now::get, 3, 300);

    @Test
    void countsDownAndRefusesPastTheLimitUntilTheWindowRolls() {
        assertThat(limiter.acquire("tok_a").remaining()).isEqualTo(2);
        assertThat(limiter.acquire("tok_a").remaining()).isEqualTo(1);
        RateLimiter.Quota last = limiter.acquire("tok_a");
        assertThat(last.remaining()).isZero();
        assertThat(last.resetEpochSecond()).isEqualTo(1_000_500);
        assertThatThrownBy(() -> limiter.acquire("tok_a"))
                .isInstanceOfSatisfying(RateLimiter.Limited.class, e -> {
                    assertThat(e.retryAfterSeconds()).isEqualTo(300);
                    assertThat(e.asUserError().problem()).isEqualTo(Problem.RATE_LIMITED);
                });
        assertThat(limiter.acquire("tok_b").remaining()).as("other tokens have their own count").isEqualTo(2);
        now.set(Instant.ofEpochSecond(1_000_500));
        assertThat(limiter.acquire("tok_a").remaining()).isEqualTo(2);
    }

    @Test
    void aLimitOfZeroTurnsLimitingOff() {
        RateLimiter off = new RateLimiter(store, now::get, 0, 300);
        for (int i = 0; i < 10; i++) {
            assertThat(off.acquire("tok").limit()).isEqualTo(-1);
        }
    }
}
