package org.seqvault.service.upload;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** Serialises work per key (an upload id) within this process; an entry lives while someone uses it. */
final class KeyedLocks {
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    <T> T with(String key, Supplier<T> work) {
        Entry entry = entries.compute(key, (k, e) -> {
            Entry used = e == null ? new Entry() : e;
            used.users++;
            return used;
        });
        entry.lock.lock();
        try {
            return work.get();
        } finally {
            entry.lock.unlock();
            entries.compute(key, (k, e) -> --e.users == 0 ? null : e);
        }
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users; // guarded by the map's per-key compute
    }
}
