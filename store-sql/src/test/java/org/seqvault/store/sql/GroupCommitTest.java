package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** Grouping on its own, with a transaction that records its groups instead of a database. */
class GroupCommitTest {
    private final List<Integer> groupSizes = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aLoneWriteIsAGroupOfOne() {
        GroupCommit commits = new GroupCommit(new ReentrantLock(true), recording());

        assertThat(commits.<String>write(h -> "done")).isEqualTo("done");
        assertThat(groupSizes).containsExactly(1);
    }

    /** While one transaction commits, the writes that arrive meanwhile all go into the next one. */
    @Test
    void writesArrivingDuringACommitShareTheNextOne() throws Exception {
        queueBehindAHeldCommit(10);

        assertThat(groupSizes).containsExactly(1, 10);
    }

    @Test
    void aGroupIsNeverLargerThanTheLimit() throws Exception {
        int writes = GroupCommit.MAX_GROUP * 2 + 5;

        queueBehindAHeldCommit(writes);

        assertThat(groupSizes).allSatisfy(size -> assertThat(size).isBetween(1, GroupCommit.MAX_GROUP));
        assertThat(groupSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(writes + 1);
    }

    /** Holds a first write's commit, queues {@code writes} more behind it, lets them all through, checks every answer. */
    private void queueBehindAHeldCommit(int writes) throws Exception {
        CountDownLatch firstCommitting = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        ReentrantLock writer = new ReentrantLock(true);
        GroupCommit commits = new GroupCommit(writer, holdingTheFirstGroup(firstCommitting, releaseFirst));
        try (ExecutorService pool = Executors.newFixedThreadPool(writes + 1)) {
            Future<Integer> first = pool.submit(() -> commits.write(h -> -1));
            await(firstCommitting);
            List<Future<Integer>> queued = new ArrayList<>();
            for (int i = 0; i < writes; i++) {
                int n = i;
                queued.add(pool.submit(() -> commits.write(h -> n)));
            }
            while (writer.getQueueLength() < writes) {
                Thread.onSpinWait();
            }
            releaseFirst.countDown();

            assertThat(first.get()).isEqualTo(-1);
            for (int i = 0; i < writes; i++) {
                assertThat(queued.get(i).get()).isEqualTo(i);
            }
        }
    }

    /** A failed commit fails every write of its group, also those whose own work had succeeded. */
    @Test
    void aFailedCommitFailsTheWholeGroup() {
        GroupCommit commits = new GroupCommit(new ReentrantLock(true), group -> {
            group.forEach(m -> m.runIn(null));
            throw new IllegalStateException("disk I/O error");
        });

        assertThatThrownBy(() -> commits.write(h -> "ran")).hasMessage("disk I/O error");
    }

    @Test
    void aWriteThatFailsInsideItsSavepointFailsAlone() {
        GroupCommit commits = new GroupCommit(new ReentrantLock(true), group -> group.forEach(m -> {
            try {
                m.runIn(null);
            } catch (RuntimeException e) {
                m.failed(e);
            }
        }));

        assertThatThrownBy(() -> commits.write(h -> {
            throw new IllegalArgumentException("no such folder");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("no such folder");
        assertThat(commits.<String>write(h -> "next")).isEqualTo("next");
    }

    /** Records group sizes like {@link #recording}, and holds the first group's commit until {@code release}. */
    private GroupCommit.Transaction holdingTheFirstGroup(CountDownLatch firstCommitting, CountDownLatch release) {
        return group -> {
            group.forEach(m -> m.runIn(null));
            groupSizes.add(group.size());
            if (groupSizes.size() == 1) {
                firstCommitting.countDown();
                await(release);
            }
        };
    }

    private GroupCommit.Transaction recording() {
        return group -> {
            group.forEach(m -> m.runIn(null));
            groupSizes.add(group.size());
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
