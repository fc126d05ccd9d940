package org.seqvault.store.sql;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;

/**
 * Hands a pool's connections to JDBI one turn at a time, in the order they were asked for.
 *
 * <p>Requests run on virtual threads, so many more of them than the pool has connections ask at
 * once, and HikariCP was built for a few platform threads: a thread giving a connection back
 * spins (yield, then park) for as long as any other thread is inside a borrow, and a newcomer may
 * take a connection just given back ahead of those already waiting. Under 16 concurrent clients,
 * thread dumps showed requests spinning in that give-back for up to a second (bench/FIXES.md §14).
 * Here a fair semaphore with a permit per connection queues the askers first, so the pool never
 * has more borrowers than connections, and one short lock keeps borrowing and giving back from
 * running at the same moment, so a give-back never finds a borrower to spin for.
 */
final class TurnTakingConnections implements ConnectionFactory {
    /** As long as the pool's own wait for a connection (HikariCP's default); then the client is told to retry (503). */
    static final long WAIT_SECONDS = 30;
    private final DataSource pool;
    private final Semaphore turns;
    private final ReentrantLock poolLock = new ReentrantLock();

    TurnTakingConnections(DataSource pool, int connections) {
        this.pool = pool;
        this.turns = new Semaphore(connections, true);
    }

    /**
     * The same, and the threads waiting for a turn reported as {@code seqvault_db_connections_waiting}
     * with the pool's name, with those that wait before it for a thread to read on ({@code waitingBefore}):
     * they wait here now, so HikariCP's own pending count stays at zero.
     */
    static TurnTakingConnections counted(HikariDataSource pool, IntSupplier waitingBefore) {
        TurnTakingConnections connections = new TurnTakingConnections(pool, pool.getMaximumPoolSize());
        Gauge.builder("seqvault.db.connections.waiting", connections, c -> c.waiting() + waitingBefore.getAsInt())
                .description("threads waiting for a database connection")
                .tag("pool", pool.getPoolName())
                .register(Metrics.globalRegistry);
        return connections;
    }

    /** Threads waiting for a turn now. */
    int waiting() {
        return turns.getQueueLength();
    }

    @Override
    public Connection openConnection() throws SQLException {
        try {
            if (!turns.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new SQLTransientConnectionException("no database connection free for " + WAIT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLTransientConnectionException("interrupted while waiting for a database connection", e);
        }
        poolLock.lock();
        try {
            return pool.getConnection();
        } catch (SQLException | RuntimeException e) {
            turns.release();
            throw e;
        } finally {
            poolLock.unlock();
        }
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        poolLock.lock();
        try {
            connection.close();
        } finally {
            poolLock.unlock();
            turns.release();
        }
    }
}
