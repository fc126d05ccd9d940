package org.seqvault.store.sql;

import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.MetadataStore;

/** The metadata store on SQLite or PostgreSQL, chosen by the JDBC URL. */
public final class SqlMetadataStore implements MetadataStore {
    private final Dialect dialect;
    private final ConnectionPools pools;
    private final Jdbi readers;
    private final Jdbi writers;
    /** Present when the database allows one writer: writers queue here, fairly, instead of failing busy. */
    private final ReentrantLock writeLock;
    /** Present with {@link #writeLock}: the durable writes queued behind one commit share the next one. */
    private final GroupCommit groupCommit;
    /** Transactions do not nest: a nested one would not see the outer one's writes (or would wait for it forever). */
    private final ThreadLocal<Boolean> inTransaction = ThreadLocal.withInitial(() -> false);
    private final ReadThreads readThreads;

    private SqlMetadataStore(Dialect dialect, ConnectionPools pools) {
        this.dialect = dialect;
        this.pools = pools;
        this.readThreads = dialect.talksOverSockets() ? ReadThreads.forPool(pools.readers()) : ReadThreads.onCaller();
        this.readers = jdbi(TurnTakingConnections.counted(pools.readers(), readThreads::queued), dialect);
        this.writers = jdbi(TurnTakingConnections.counted(pools.writers(), () -> 0), dialect);
        this.writeLock = dialect.singleWriter() ? new ReentrantLock(true) : null;
        this.groupCommit = writeLock == null ? null : new GroupCommit(writeLock, this::commitGroup);
    }

    /**
     * Opens a store on {@code jdbc:sqlite:/path/file.db} (the directory is created if missing)
     * or {@code jdbc:postgresql://…}, migrating the schema first. User and password may be null.
     */
    public static SqlMetadataStore open(String jdbcUrl, String user, String password) {
        Dialect dialect = Dialect.forUrl(jdbcUrl);
        dialect.prepareStorage(jdbcUrl);
        Migrations.apply(dialect, jdbcUrl, user, password);
        return new SqlMetadataStore(dialect, dialect.openPools(jdbcUrl, user, password));
    }

    @Override
    public <T> T read(Function<Tx, T> work) {
        // Checked here too: the read may run on another thread, which knows nothing of this one's transaction.
        notInTransaction();
        return readThreads.run(() -> readHere(work));
    }

    private <T> T readHere(Function<Tx, T> work) {
        enter();
        try {
            // The readers' connections make this one read-only snapshot (Dialect.openPools).
            return readers.inTransaction(handle -> work.apply(new SqlTx(handle, dialect)));
        } catch (ConnectionException e) {
            throw busyOr(e);
        } finally {
            inTransaction.remove();
        }
    }

    /** In autocommit mode: no BEGIN and no COMMIT around the one statement. */
    @Override
    public <T> T readOneStatement(Function<Tx, T> work) {
        notInTransaction();
        return readThreads.run(() -> readOneStatementHere(work));
    }

    private <T> T readOneStatementHere(Function<Tx, T> work) {
        enter();
        try {
            return readers.withHandle(handle -> work.apply(new SqlTx(handle, dialect)));
        } catch (ConnectionException e) {
            throw busyOr(e);
        } finally {
            inTransaction.remove();
        }
    }

    @Override
    public <T> T write(Function<Tx, T> work) {
        if (groupCommit == null) {
            return onWriter(handle -> handle.inTransaction(h -> work.apply(new SqlTx(h, dialect))));
        }
        enter();
        try {
            return groupCommit.write(h -> work.apply(new SqlTx(h, dialect)));
        } catch (ConnectionException e) {
            throw busyOr(e);
        } finally {
            inTransaction.remove();
        }
    }

    /**
     * One transaction for a group of writes (see {@link GroupCommit}). A lone one runs as it always
     * did; in a group, each runs in a savepoint, so one that fails takes back only its own changes.
     */
    private void commitGroup(List<GroupCommit.Member<?>> group) {
        writers.useHandle(handle -> handle.useTransaction(h -> {
            if (group.size() == 1) {
                group.get(0).runIn(h);
                return;
            }
            for (GroupCommit.Member<?> member : group) {
                h.execute("SAVEPOINT member");
                try {
                    member.runIn(h);
                    h.execute("RELEASE member");
                } catch (RuntimeException e) {
                    h.execute("ROLLBACK TO member");
                    h.execute("RELEASE member");
                    member.failed(e);
                }
            }
        }));
    }

    /**
     * A write transaction on the raw handle whose commit need not survive a crash, under the same
     * writer discipline as {@link #write}: for counters beside the namespace (rate limits), where
     * losing the last few counts is harmless and a disk flush per request is not.
     */
    <T> T writeCounters(Function<Handle, T> work) {
        return onWriter(handle -> dialect.inTransactionWithoutDurableCommit(handle, work));
    }

    /** Runs {@code work} on a writer connection, in turn with this process's other writers where the database allows one. */
    private <T> T onWriter(Function<Handle, T> work) {
        enter();
        try {
            if (writeLock == null) {
                return writers.withHandle(work::apply);
            }
            writeLock.lock();
            try {
                return writers.withHandle(work::apply);
            } finally {
                writeLock.unlock();
            }
        } catch (ConnectionException e) {
            throw busyOr(e);
        } finally {
            inTransaction.remove();
        }
    }

    @Override
    public void close() {
        try {
            readThreads.close();
        } finally {
            pools.close();
        }
    }

    /**
     * A connection that could not be had within the pool's timeout means the server is overloaded,
     * not broken: nothing was done, so the client is told to come back (503) instead of 500.
     */
    static RuntimeException busyOr(ConnectionException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLTransientConnectionException) {
                return busy();
            }
        }
        return e;
    }

    /** What a client hears when no connection (or thread to read on) was free in time. */
    static UserException busy() {
        return new UserException(Problem.SERVICE_UNAVAILABLE,
                "the server is busy (no database connection free); retry in a few seconds");
    }

    private void enter() {
        notInTransaction();
        inTransaction.set(true);
    }

    private void notInTransaction() {
        if (inTransaction.get()) {
            throw new IllegalStateException("transactions do not nest: use the Tx you were given");
        }
    }

    private static Jdbi jdbi(TurnTakingConnections connections, Dialect dialect) {
        // SQL is plain text with named parameters; no template syntax to trip over '<' and '>'.
        Jdbi jdbi = Jdbi.create(connections)
                .setTemplateEngine(TemplateEngine.NOP);
        LockFreeJdbiCaches.install(jdbi);
        dialect.statementBuilders().ifPresent(jdbi::setStatementBuilderFactory);
        return jdbi;
    }
}
