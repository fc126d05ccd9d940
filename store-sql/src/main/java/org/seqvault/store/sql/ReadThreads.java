package org.seqvault.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Where read transactions run. On PostgreSQL each statement is a round trip on a socket: a virtual
 * thread waiting for the answer parks, and the JDK's poller wakes it through the scheduler's
 * queue, once per round trip. A platform thread's blocking read is woken by the kernel, so a read
 * from a virtual thread is handed to one of as many platform threads as the readers' pool has
 * connections, and the request waits once for the whole transaction (bench/FIXES.md §24).
 * SQLite's calls run in this process and never park, so its reads stay on the caller's thread.
 */
final class ReadThreads implements AutoCloseable {
    private final ExecutorService threads;
    private final long waitMillis;
    private final AtomicInteger queued = new AtomicInteger();
    private static final int WAITING = 0;
    private static final int RUNNING = 1;
    private static final int GIVEN_UP = 2;

    private ReadThreads(ExecutorService threads, long waitMillis) {
        this.threads = threads;
        this.waitMillis = waitMillis;
    }

    /** Reads run where they are called. */
    static ReadThreads onCaller() {
        return new ReadThreads(null, 0);
    }

    /**
     * One platform thread per connection of {@code readers}: a thread never waits for a connection,
     * so a read waits in this queue instead, as long as it would have waited for a connection.
     */
    static ReadThreads forPool(HikariDataSource readers) {
        return of(readers.getMaximumPoolSize(), TimeUnit.SECONDS.toMillis(TurnTakingConnections.WAIT_SECONDS));
    }

    /** {@code size} platform threads, and a read that waits {@code waitMillis} for one is told the server is busy. */
    static ReadThreads of(int size, long waitMillis) {
        return new ReadThreads(Executors.newFixedThreadPool(size,
                Thread.ofPlatform().name("seqvault-read-", 0).daemon().factory()), waitMillis);
    }

    /**
     * The result of {@code read}, run on a platform thread when called from a virtual one. Only
     * the wait for a thread is limited: a read that has started has its connection, and is waited for.
     */
    <T> T run(Supplier<T> read) {
        if (threads == null || !Thread.currentThread().isVirtual()) {
            return read.get();
        }
        // Whichever comes first: the read takes its turn on a thread, or its caller gives up waiting for one.
        AtomicInteger turn = new AtomicInteger(WAITING);
        queued.incrementAndGet();
        Future<T> result;
        try {
            result = threads.submit(() -> {
                if (!turn.compareAndSet(WAITING, RUNNING)) {
                    return null; // its caller was told the server is busy
                }
                queued.decrementAndGet();
                return read.get();
            });
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet();
            throw new IllegalStateException("the store is closed", e);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return turn.get() == WAITING
                            ? result.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)
                            : result.get();
                } catch (InterruptedException e) {
                    // The read may hold a connection: it is let finish, and the caller hears of the interrupt after.
                    interrupted = true;
                } catch (TimeoutException e) {
                    if (turn.compareAndSet(WAITING, GIVEN_UP)) {
                        queued.decrementAndGet();
                        result.cancel(false);
                        throw SqlMetadataStore.busy();
                    }
                } catch (ExecutionException e) {
                    throw rethrown(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Reads waiting for a thread now: they wait for a database connection, and are counted as such. */
    int queued() {
        return queued.get();
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error e) {
            throw e;
        }
        return new IllegalStateException(cause);
    }

    /** Lets the reads under way finish (for as long as one may wait for a thread) before the pools close. */
    @Override
    public void close() {
        if (threads == null) {
            return;
        }
        threads.shutdown();
        try {
            threads.awaitTermination(waitMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
