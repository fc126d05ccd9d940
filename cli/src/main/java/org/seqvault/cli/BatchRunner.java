package org.seqvault.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Runs a batch of transfers: small files (one part each) several at a time, large ones one
 * after another with all parts in parallel, so {@code --parallel N} bounds the connections of
 * either kind. A failure is recorded and the batch goes on.
 */
public final class BatchRunner {
    /**
     * One transfer.
     *
     * @param label what it is, for messages ({@code ./a.bam → alice/p/raw/a.bam})
     * @param large true when it is worth its parts in parallel
     * @param work  does it, given how many parts or ranges it may run at once
     */
    public record Job(String label, boolean large, IntFunction<Object> work) {
    }

    /** How job number {@code index} went: its result, or the error. */
    public record Outcome(int index, Job job, Object result, RuntimeException error) {
        public boolean ok() {
            return error == null;
        }
    }

    private BatchRunner() {
    }

    /** Runs every job; {@code onDone} hears each outcome as it comes; returns them in input order. */
    public static List<Outcome> run(List<Job> jobs, int parallel, Consumer<Outcome> onDone) {
        List<Outcome> outcomes = new ArrayList<>(jobs.size());
        jobs.forEach(j -> outcomes.add(null));
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel), r -> {
            Thread t = new Thread(r, "seqvault-batch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> small = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                int index = i;
                if (!jobs.get(i).large()) {
                    small.add(pool.submit(() -> outcomes.set(index, runOne(index, jobs.get(index), 1, onDone))));
                }
            }
            for (int i = 0; i < jobs.size(); i++) {
                if (jobs.get(i).large()) {
                    outcomes.set(i, runOne(i, jobs.get(i), parallel, onDone));
                }
            }
            for (Future<?> f : small) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }

    private static Outcome runOne(int index, Job job, int parallel, Consumer<Outcome> onDone) {
        Outcome outcome;
        try {
            outcome = new Outcome(index, job, job.work().apply(parallel), null);
        } catch (RuntimeException e) {
            outcome = new Outcome(index, job, null, e);
        }
        synchronized (onDone) {
            onDone.accept(outcome);
        }
        return outcome;
    }
}
