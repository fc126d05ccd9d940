package org.seqvault.store.sql;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;

/**
 * Hands a pool's connections out in the order they were asked for. Requests run on virtual
 * threads, so many more of them than the pool has connections can ask at once, and the pool lets
 * a newcomer take a connection just given back ahead of the threads already waiting for one: under
 * steady load some requests lost that race many times in a row, which is what a latency tail is
 * made of. A fair semaphore with a permit per connection queues them first, in arrival order.
 */
final class FairTurns {
    /** As long as the pool's own wait for a connection (HikariCP's default), then the client is told to retry. */
    private static final long WAIT_SECONDS = 30;
    private final Semaphore turns;

    FairTurns(int connections) {
        this.turns = new Semaphore(connections, true);
    }

    /** Threads waiting for a turn now. */
    int waiting() {
        return turns.getQueueLength();
    }

    <T> T run(Supplier<T> work) {
        try {
            if (!turns.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new UserException(Problem.SERVICE_UNAVAILABLE,
                        "the server is busy (no database connection free); retry in a few seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UserException(Problem.SERVICE_UNAVAILABLE, "the server is stopping; retry in a few seconds");
        }
        try {
            return work.get();
        } finally {
            turns.release();
        }
    }
}
