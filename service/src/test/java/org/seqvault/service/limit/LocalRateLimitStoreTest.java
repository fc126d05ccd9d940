package org.seqvault.service.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LocalRateLimitStoreTest {
    private final LocalRateLimitStore store = new LocalRateLimitStore();

    @Test
    void addsPerKeyAndWindow() {
        assertThat(store.add("a", 60, 1)).isEqualTo(1);
        assertThat(store.add("a", 60, 2)).isEqualTo(3);
        assertThat(store.add("b", 60, 1)).isEqualTo(1);
        assertThat(store.add("a", 120, 1)).as("a new window starts from zero").isEqualTo(1);
    }

    @Test
    void aNewWindowDropsTheOlderOnes() {
        for (int i = 0; i < 100; i++) {
            store.add("addr-" + i, 60, 1);
        }
        assertThat(store.keys()).isEqualTo(100);
        store.add("addr-0", 120, 1);
        assertThat(store.keys()).isEqualTo(1);
    }

    @Test
    void behindARateLimiterItRefusesPastTheLimitUntilTheWindowRolls() {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.ofEpochSecond(6_000));
        RateLimiter failures = new RateLimiter(store, now::get, 2, 60);
        failures.acquire("ip4:203.0.113.7");
        failures.acquire("ip4:203.0.113.7");
        assertThatThrownBy(() -> failures.acquire("ip4:203.0.113.7"))
                .isInstanceOfSatisfying(RateLimiter.Limited.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(60));
        failures.acquire("ip4:203.0.113.8");
        now.set(Instant.ofEpochSecond(6_060));
        failures.acquire("ip4:203.0.113.7");
    }
}
