package org.seqvault.store.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Hands each chunk a producer fills to several stages (MD5, SHA-256, the file write), each seeing
 * every chunk in order, the stages running at the same time on a pool of threads shared by all
 * pipelines. A chunk's buffer is reused once every stage is done with it, and at most
 * {@link #CHUNKS} buffers exist, so memory per pipeline is bounded. A stage that fails stops doing
 * work but keeps releasing chunks; its failure is rethrown by {@link #finish}.
 *
 * <p>A stage holds a thread only while it has chunks to work on: an upload whose client sends
 * slowly holds none while it waits, and however many uploads run at once, at most
 * {@link #STAGE_THREADS} threads do their stages' work. Work on a chunk never waits for anything
 * but the CPU or the disk, so a stage queued behind others always gets its turn.
 */
final class ChunkPipeline implements AutoCloseable {
    static final int CHUNK_SIZE = 256 * 1024;
    /** Buffers per pipeline: enough that a stage that briefly stalls (a slow write) does not stop the others. */
    static final int CHUNKS = 8;
    /**
     * Threads shared by every pipeline's stages: two per core, and at least one per stage of the
     * widest pipeline (four: the part's MD5, the blob's MD5 and SHA-256, the write), so one upload
     * alone runs all its stages at once as before, while a file write that waits for the disk does
     * not leave a core idle.
     */
    static final int STAGE_THREADS = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

    /** One stage's work on a chunk's first {@code length} bytes. */
    @FunctionalInterface
    interface Stage {
        void accept(byte[] bytes, int length) throws IOException;
    }

    /** Daemon threads shared by all pipelines; idle ones go after a minute. */
    private static final ExecutorService WORKERS = workers();

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final List<Runner> runners = new ArrayList<>();
    /** Chunk deliveries to stages not worked off yet; {@link #end} waits until there are none. */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private int undelivered;
    private int allocated;
    private boolean ended;

    ChunkPipeline(List<Stage> stages) {
        for (Stage stage : stages) {
            runners.add(new Runner(stage));
        }
    }

    private static ExecutorService workers() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(STAGE_THREADS, STAGE_THREADS, 1, TimeUnit.MINUTES,
                new LinkedBlockingQueue<>(), Thread.ofPlatform().daemon().name("seqvault-part-stage-", 0).factory());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** A buffer to fill: a new one while fewer than {@link #CHUNKS} exist, else one the stages released. */
    byte[] buffer() throws InterruptedIOException {
        byte[] b = free.poll();
        if (b != null) {
            return b;
        }
        if (allocated < CHUNKS) {
            allocated++;
            return new byte[CHUNK_SIZE];
        }
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a buffer");
        }
    }

    /** Passes a filled buffer to every stage; the caller must not touch it afterwards. */
    void submit(byte[] bytes, int length) {
        Chunk chunk = new Chunk(bytes, length, new AtomicInteger(runners.size()));
        lock.lock();
        try {
            undelivered += runners.size();
        } finally {
            lock.unlock();
        }
        for (Runner r : runners) {
            r.offer(chunk);
        }
    }

    /** True once a stage has failed: the producer should stop reading. */
    boolean failed() {
        return runners.stream().anyMatch(r -> r.failure != null);
    }

    /** Waits until every stage has seen every chunk; rethrows the first stage failure. */
    void finish() throws IOException {
        end();
        for (Runner r : runners) {
            Throwable t = r.failure;
            if (t instanceof IOException e) {
                throw e;
            }
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
        }
    }

    /** Waits for the stages to work off the chunks already passed; safe to call twice. */
    @Override
    public void close() {
        end();
    }

    /** The stages still use our buffers, so this waits for them even when interrupted, then restores the flag. */
    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        lock.lock();
        try {
            while (undelivered > 0) {
                drained.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    private void release(Chunk chunk) {
        if (chunk.holders().decrementAndGet() == 0) {
            free.offer(chunk.bytes());
        }
        lock.lock();
        try {
            if (--undelivered == 0) {
                drained.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private record Chunk(byte[] bytes, int length, AtomicInteger holders) {
    }

    /**
     * One stage: its chunks in order, worked off by at most one pool thread at a time, which it
     * gives back when the queue is empty, or after {@link #CHUNKS} chunks so that other stages
     * waiting for a thread get theirs.
     */
    private final class Runner implements Runnable {
        // Unbounded: the buffers bound what is in flight, and a caller may submit one buffer of its own.
        private final Queue<Chunk> queue = new ConcurrentLinkedQueue<>();
        /** Chunks offered and not yet worked off; the one that makes it 1 schedules this runner. */
        private final AtomicInteger pending = new AtomicInteger();
        private final Stage stage;
        volatile Throwable failure;

        Runner(Stage stage) {
            this.stage = stage;
        }

        void offer(Chunk chunk) {
            queue.add(chunk);
            if (pending.getAndIncrement() == 0) {
                schedule();
            }
        }

        private void schedule() {
            try {
                WORKERS.execute(this);
            } catch (RejectedExecutionException e) {
                // Never shut down, and its queue is unbounded: work off here rather than lose chunks.
                run();
            }
        }

        @Override
        public void run() {
            for (int turn = 0; turn < CHUNKS; turn++) {
                Chunk chunk = queue.poll();
                try {
                    if (failure == null) {
                        stage.accept(chunk.bytes(), chunk.length());
                    }
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    release(chunk);
                }
                if (pending.decrementAndGet() == 0) {
                    return;
                }
            }
            // More chunks are queued: let other stages have the thread first.
            schedule();
        }
    }
}
