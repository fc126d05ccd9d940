package org.seqvault.store.sql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.cache.JdbiCache;
import org.jdbi.v3.core.cache.JdbiCacheBuilder;
import org.jdbi.v3.core.cache.JdbiCacheLoader;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * JDBI's parsed-SQL and template caches on Caffeine. JDBI's default cache takes one global monitor
 * on every lookup, hit or miss, and on a miss holds a map bin's lock while it waits for that
 * monitor. Every request runs on a virtual thread and runs several statements, so under 16
 * concurrent clients that monitor was taken tens of thousands of times a second, and a request
 * waiting behind a bin's lock was seen stuck for seconds (thread dumps, bench/FIXES.md §14).
 * Caffeine reads a hit without a lock and evicts on its own.
 *
 * <p>A miss is loaded outside the cache and then put, never through Caffeine's compute: compute
 * holds the map bin's monitor while it loads, and JDBI's template cache misses on every statement
 * (with no template engine its loader answers null, which is never stored), so every request's
 * statements queued on the monitor of the bin of their own SQL text. Virtual threads blocked on a
 * monitor are woken by timed rechecks when the hand-off is missed, and under 16 clients some
 * requests waited 0.4 to 3.7 s there (thread dumps, bench/FIXES.md §16). Loading twice is harmless:
 * both loaders parse the same text.
 */
final class LockFreeJdbiCaches implements JdbiCacheBuilder {
    private int maxSize = 1_000;

    static void install(Jdbi jdbi) {
        SqlStatements statements = jdbi.getConfig(SqlStatements.class);
        statements.setSqlParser(new ColonPrefixSqlParser(new LockFreeJdbiCaches()));
        statements.setTemplateCache(new LockFreeJdbiCaches());
    }

    @Override
    public <K, V> JdbiCache<K, V> build() {
        return buildWithLoader(null);
    }

    @Override
    public <K, V> JdbiCache<K, V> buildWithLoader(JdbiCacheLoader<K, V> loader) {
        Cache<K, V> cache = Caffeine.newBuilder().maximumSize(maxSize).build();
        return new JdbiCache<>() {
            @Override
            public V get(K key) {
                return loader == null ? cache.getIfPresent(key) : getWithLoader(key, loader);
            }

            @Override
            public V getWithLoader(K key, JdbiCacheLoader<K, V> with) {
                V hit = cache.getIfPresent(key);
                if (hit != null) {
                    return hit;
                }
                V made = with.create(key);
                if (made != null) {
                    cache.put(key, made);
                }
                return made;
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getStats() {
                return (T) Long.valueOf(cache.estimatedSize());
            }
        };
    }

    @Override
    public JdbiCacheBuilder maxSize(int size) {
        this.maxSize = size;
        return this;
    }
}
