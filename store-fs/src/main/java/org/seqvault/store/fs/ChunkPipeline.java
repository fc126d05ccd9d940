package org.seqvault.store.fs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands each chunk a producer fills to several stages (MD5, SHA-256, the file write), each on its
 * own thread and each seeing every chunk in order. A chunk's buffer is reused once every stage is
 * done with it, and at most {@link #CHUNKS} buffers exist, so memory per pipeline is bounded.
 * A stage that fails stops doing work but keeps releasing chunks; its failure is rethrown by
 * {@link #finish}.
 */
final class ChunkPipeline implements AutoCloseable {
    static final int CHUNK_SIZE = 256 * 1024;
    /** Buffers per pipeline: enough that a stage that briefly stalls (a slow write) does not stop the others. */
    static final int CHUNKS = 8;

    /** One stage's work on a chunk's first {@code length} bytes. */
    @FunctionalInterface
    interface Stage {
        void accept(byte[] bytes, int length) throws IOException;
    }

    /** Daemon threads shared by all uploads; idle ones go after a minute. */
    private static final ExecutorService WORKERS = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("seqvault-part-stage-", 0).factory());
    private static final Chunk END = new Chunk(new byte[0], -1, new AtomicInteger());

    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final List<Runner> runners = new ArrayList<>();
    private final List<Future<?>> running = new ArrayList<>();
    private int allocated;
    private boolean ended;

    ChunkPipeline(List<Stage> stages) {
        for (Stage stage : stages) {
            Runner r = new Runner(stage);
            runners.add(r);
            running.add(WORKERS.submit(r));
        }
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
        for (Runner r : runners) {
            r.queue.add(chunk);
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

    /** Stops the stages (after the chunks already passed) and waits for them; safe to call twice. */
    @Override
    public void close() {
        end();
    }

    private void end() {
        if (ended) {
            return;
        }
        ended = true;
        runners.forEach(r -> r.queue.add(END));
        boolean interrupted = false;
        for (Future<?> f : running) {
            while (true) {
                try {
                    f.get();
                    break;
                } catch (InterruptedException e) {
                    // The stages still use our buffers: wait for them, then restore the flag.
                    interrupted = true;
                } catch (ExecutionException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void release(Chunk chunk) {
        if (chunk.holders().decrementAndGet() == 0) {
            free.offer(chunk.bytes());
        }
    }

    private record Chunk(byte[] bytes, int length, AtomicInteger holders) {
    }

    private final class Runner implements Runnable {
        // Unbounded: the buffers bound what is in flight, and a caller may submit one buffer of its own.
        final BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        final Stage stage;
        volatile Throwable failure;

        Runner(Stage stage) {
            this.stage = stage;
        }

        @Override
        public void run() {
            while (true) {
                Chunk chunk;
                try {
                    chunk = queue.take();
                } catch (InterruptedException e) {
                    // Only a shutdown of the whole pool interrupts: record it and stop.
                    failure = new InterruptedIOException("part pipeline interrupted");
                    return;
                }
                if (chunk == END) {
                    return;
                }
                try {
                    if (failure == null) {
                        stage.accept(chunk.bytes(), chunk.length());
                    }
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    release(chunk);
                }
            }
        }
    }
}
