package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.cache.JdbiCache;
import org.junit.jupiter.api.Test;

/**
 * JDBI's caches on Caffeine: hits without a lock, and a miss loaded outside the cache, so no
 * lookup ever waits for another one's loader (the template cache misses on every statement).
 */
class LockFreeJdbiCachesTest {
    private final JdbiCache<String, String> cache = new LockFreeJdbiCaches().build();

    @Test
    void aLoadedValueIsKeptAndServedWithoutLoadingAgain() {
        AtomicInteger loads = new AtomicInteger();
        assertThat(cache.getWithLoader("SELECT 1", sql -> sql + "#" + loads.incrementAndGet())).isEqualTo("SELECT 1#1");
        assertThat(cache.getWithLoader("SELECT 1", sql -> sql + "#" + loads.incrementAndGet())).isEqualTo("SELECT 1#1");
        assertThat(cache.get("SELECT 1")).isEqualTo("SELECT 1#1");
        assertThat(loads).hasValue(1);
    }

    @Test
    void aLoaderAnsweringNullIsAskedEachTimeAndNothingIsKept() {
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            assertThat(cache.getWithLoader("SELECT 2", sql -> {
                loads.incrementAndGet();
                return null;
            })).isNull();
        }
        assertThat(loads).hasValue(3);
        assertThat(cache.get("SELECT 2")).isNull();
        assertThat((Long) cache.getStats()).isZero();
    }

    @Test
    void aLookupDoesNotWaitForAnotherLookupOfTheSameKeyStillLoading() throws Exception {
        CountDownLatch loading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CompletableFuture<String> slow = CompletableFuture.supplyAsync(() -> cache.getWithLoader("SELECT 3", sql -> {
            loading.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "slow";
        }), threads);
        try {
            assertThat(loading.await(30, TimeUnit.SECONDS)).isTrue();
            // Under a cache that loads inside the map's lock, this lookup would wait for the release below.
            String quick = CompletableFuture.supplyAsync(() -> cache.getWithLoader("SELECT 3", sql -> "quick"),
                    threads).get(30, TimeUnit.SECONDS);
            assertThat(quick).isEqualTo("quick");
        } finally {
            release.countDown();
        }
        assertThat(slow.get(30, TimeUnit.SECONDS)).isEqualTo("slow");
        threads.shutdown();
    }

    @Test
    void jdbiRunsStatementsThroughTheCaches() {
        Jdbi jdbi = Jdbi.create("jdbc:sqlite::memory:");
        LockFreeJdbiCaches.install(jdbi);
        for (int a : new int[] {41, 1}) {
            int answer = jdbi.withHandle(h -> h.createQuery("SELECT :a + 1").bind("a", a).mapTo(Integer.class).one());
            assertThat(answer).isEqualTo(a + 1);
        }
    }
}
