package org.seqvault.client.internal;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.seqvault.client.SeqVaultException;

/**
 * Runs tasks on a few threads and stops at the first failure: the others are interrupted and
 * waited for (so none still writes to a file after this returns), then that failure is thrown.
 */
final class ParallelTasks {
    /** A task that may throw the SDK's exceptions. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }

    private ParallelTasks() {
    }

    static void run(String threadName, int parallelism, List<Task> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, tasks.size()), r -> {
            Thread t = new Thread(r, threadName + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(pool);
        tasks.forEach(task -> done.submit(() -> {
            task.run();
            return null;
        }));
        try {
            for (int i = 0; i < tasks.size(); i++) {
                done.take().get();
            }
        } catch (ExecutionException e) {
            throw rethrowable(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeqVaultException("the transfer was interrupted", e);
        } finally {
            pool.shutdownNow();
            awaitQuietly(pool);
        }
    }

    private static RuntimeException rethrowable(Throwable cause) {
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new SeqVaultException(Retrier.describe(cause), cause);
    }

    private static void awaitQuietly(ExecutorService pool) {
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new SeqVaultException("transfer threads did not stop within 30 s", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
