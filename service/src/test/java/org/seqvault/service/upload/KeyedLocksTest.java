package org.seqvault.service.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeyedLocksTest {

    @Test
    void workOnOneKeyNeverOverlaps() throws Exception {
        KeyedLocks locks = new KeyedLocks();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            futures.add(pool.submit(() -> locks.with("up_1", () -> {
                maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                Thread.onSpinWait();
                inside.decrementAndGet();
                return null;
            })));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        pool.shutdown();
        assertThat(maxInside.get()).isEqualTo(1);
    }

    @Test
    void differentKeysDoNotWaitForEachOther() throws Exception {
        KeyedLocks locks = new KeyedLocks();
        String result = locks.with("a", () -> locks.with("b", () -> "nested on another key"));
        assertThat(result).isEqualTo("nested on another key");
    }
}
