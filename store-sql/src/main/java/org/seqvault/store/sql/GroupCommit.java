package org.seqvault.store.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Durable write transactions on a database with one writer (SQLite), committed in groups. While
 * one transaction commits and waits for its disk flush, the writers that arrive queue up; the next
 * of them to get the writer runs all the queued work in one transaction, each in its own savepoint,
 * and commits once. Every caller still returns only after the commit that holds its work, and work
 * that fails has its savepoint rolled back, so each caller sees what it would have seen running
 * alone, in turn: the group only shares the flush.
 */
final class GroupCommit {
    /** Work per transaction at most, so that one commit never waits on an unbounded queue. */
    static final int MAX_GROUP = 64;

    /** Runs a group in one transaction: calls {@link Member#runIn} for each, in order, then commits. */
    @FunctionalInterface
    interface Transaction {
        void run(List<Member<?>> group);
    }

    /** One caller's work and, once its group is done, its outcome. Read and written under the writer lock. */
    static final class Member<T> {
        private final Function<Handle, T> work;
        private boolean done;
        private T result;
        private RuntimeException failure;

        private Member(Function<Handle, T> work) {
            this.work = work;
        }

        /** Runs this member's work on the group's handle; the caller's savepoint keeps a failure to itself. */
        void runIn(Handle handle) {
            result = work.apply(handle);
        }

        void failed(RuntimeException e) {
            result = null;
            failure = e;
        }
    }

    private final ReentrantLock writer;
    private final Transaction transaction;
    private final Queue<Member<?>> queued = new ConcurrentLinkedQueue<>();

    /** @param writer the lock every writer of the database takes, also those that bypass grouping */
    GroupCommit(ReentrantLock writer, Transaction transaction) {
        this.writer = writer;
        this.transaction = transaction;
    }

    /** Runs {@code work} in a committed transaction, possibly together with other callers' work. */
    <T> T write(Function<Handle, T> work) {
        Member<T> me = new Member<>(work);
        queued.add(me);
        writer.lock();
        try {
            while (!me.done) {
                runGroup();
            }
        } finally {
            writer.unlock();
        }
        if (me.failure != null) {
            throw me.failure;
        }
        return me.result;
    }

    private void runGroup() {
        List<Member<?>> group = new ArrayList<>();
        for (Member<?> m; group.size() < MAX_GROUP && (m = queued.poll()) != null; ) {
            group.add(m);
        }
        try {
            transaction.run(group);
        } catch (RuntimeException e) {
            // The transaction as a whole failed (its commit, say): nothing of the group was kept.
            group.forEach(m -> m.failed(e));
        } catch (Error e) {
            group.forEach(m -> m.failed(new IllegalStateException("the write transaction failed", e)));
            throw e;
        } finally {
            group.forEach(m -> m.done = true);
        }
    }
}
