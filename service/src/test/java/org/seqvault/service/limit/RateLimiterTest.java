package org.seqvault.service.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.seqvault.domain.Problem;
import org.seqvault.service.port.RateLimitStore;

class RateLimiterTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochSecond(1_000_200));
    private final Map<String, Long> counts = new HashMap<>();
    /** Every batch a limiter sent to the store, in order. */
    private final List<Long> writes = new ArrayList<>();
    /** Counts by key and window, as the SQL store keeps them (shared by every limiter here, as by replicas). */
    private final RateLimitStore store = (key, windowStart, count) -> {
        writes.add(count);
        return counts.merge(key + "@" + windowStart, count, Long::sum);
    };
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

    @Test
    void farFromTheLimitRequestsAreCountedLocallyAndSentInBatches() {
        RateLimiter replica = new RateLimiter(store, now::get, 1000, 300);
        for (int i = 1; i <= 100; i++) {
            assertThat(replica.acquire("tok").remaining()).as("request %d", i).isEqualTo(1000 - i);
        }
        // The first request syncs (nothing known yet); then one write per 1/16 of what was left.
        assertThat(writes).hasSizeLessThan(5).startsWith(1L);
        assertThat(writes.stream().mapToLong(Long::longValue).sum()).isLessThan(100);
        replica.flush();
        assertThat(counts.get("tok@1000200")).as("flush sends what was counted locally").isEqualTo(100);
        int before = writes.size();
        replica.flush();
        assertThat(writes).as("nothing left to send").hasSize(before);
    }

    @Test
    void aViewOlderThanTheSyncIntervalIsRefreshedBeforeTheRequestIsAnswered() {
        RateLimiter a = new RateLimiter(store, now::get, 1000, 300);
        RateLimiter b = new RateLimiter(store, now::get, 1000, 300);
        for (int i = 0; i < 10; i++) {
            a.acquire("tok");
        }
        a.flush();
        b.acquire("tok");
        now.set(now.get().plusMillis(RateLimiter.SYNC_INTERVAL_MILLIS));
        assertThat(a.acquire("tok").remaining()).as("a sees b's request after one interval").isEqualTo(1000 - 12);
    }

    @Test
    void replicasTakingTurnsStopAtTheLimit() {
        RateLimiter a = new RateLimiter(store, now::get, 100, 300);
        RateLimiter b = new RateLimiter(store, now::get, 100, 300);
        int admitted = 0;
        for (int i = 0; i < 300; i++) {
            try {
                (i % 2 == 0 ? a : b).acquire("tok");
                admitted++;
            } catch (RateLimiter.Limited e) {
                // counted below
            }
        }
        // Each batch is a sixteenth of what was left, and near the limit every request is counted in
        // the store before it is answered: taking turns, the two do not let one request too many through.
        assertThat(admitted).isEqualTo(100);
    }

    @Test
    void aUsedUpWindowRefusesWithoutWriting() {
        for (int i = 0; i < 3; i++) {
            limiter.acquire("tok_a");
        }
        assertThatThrownBy(() -> limiter.acquire("tok_a")).isInstanceOf(RateLimiter.Limited.class);
        int before = writes.size();
        for (int i = 0; i < 10; i++) {
            assertThatThrownBy(() -> limiter.acquire("tok_a")).isInstanceOf(RateLimiter.Limited.class);
        }
        assertThat(writes).hasSize(before);
    }

    @Test
    void aFailedSyncKeepsTheCountForTheNextOne() {
        boolean[] fail = {false};
        RateLimitStore flaky = (key, windowStart, count) -> {
            if (fail[0]) {
                throw new IllegalStateException("database down");
            }
            return store.add(key, windowStart, count);
        };
        RateLimiter replica = new RateLimiter(flaky, now::get, 1000, 300);
        for (int i = 0; i < 20; i++) {
            replica.acquire("tok");
        }
        fail[0] = true;
        assertThatThrownBy(replica::flush).hasMessage("database down");
        fail[0] = false;
        replica.flush();
        assertThat(counts.get("tok@1000200")).isEqualTo(20);
    }

    @Test
    void countersOfPastWindowsAreSentThenForgotten() {
        RateLimiter replica = new RateLimiter(store, now::get, 1000, 300);
        for (int i = 0; i < 5; i++) {
            replica.acquire("tok");
        }
        now.set(Instant.ofEpochSecond(1_000_500));
        replica.flush();
        assertThat(counts.get("tok@1000200")).as("the old window's count still reaches the store").isEqualTo(5);
        assertThat(replica.acquire("tok").remaining()).isEqualTo(999);
    }
}
