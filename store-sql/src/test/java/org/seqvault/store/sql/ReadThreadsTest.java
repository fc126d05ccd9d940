package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.seqvault.domain.Kind;
import org.seqvault.domain.UserException;

/** Reads from virtual threads run on the platform threads, and come back as if run in place. */
class ReadThreadsTest {

    @Test
    void aVirtualThreadsReadRunsOnAPlatformThread() throws Exception {
        try (ReadThreads threads = ReadThreads.of(2, 10_000)) {
            Thread ran = onVirtualThread(() -> threads.run(Thread::currentThread));
            assertThat(ran.isVirtual()).isFalse();
            assertThat(ran.getName()).startsWith("seqvault-read-");
        }
    }

    @Test
    void aPlatformThreadsReadAndEveryReadOnSqliteRunInPlace() throws Exception {
        try (ReadThreads threads = ReadThreads.of(2, 10_000); ReadThreads inPlace = ReadThreads.onCaller()) {
            assertThat(threads.run(Thread::currentThread)).isSameAs(Thread.currentThread());
            AtomicReference<Thread> seen = new AtomicReference<>();
            Thread caller = Thread.ofVirtual().start(() -> seen.set(inPlace.run(Thread::currentThread)));
            caller.join();
            assertThat(seen.get()).isSameAs(caller);
        }
    }

    @Test
    void aFailureComesBackAsItWasThrown() throws Exception {
        UserException refused = new UserException(org.seqvault.domain.Problem.INVALID_NAME, "a name may not be empty");
        try (ReadThreads threads = ReadThreads.of(1, 10_000)) {
            Throwable thrown = onVirtualThread(() -> {
                try {
                    threads.run(() -> {
                        throw refused;
                    });
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            assertThat(thrown).isSameAs(refused);
        }
    }

    @Test
    void aReadThatFindsNoThreadInTimeIsServiceUnavailableAndNeverRuns() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean secondRan = new AtomicBoolean();
        AtomicReference<Object> firstOutcome = new AtomicReference<>();
        try (ReadThreads threads = ReadThreads.of(1, 50)) {
            Thread first = Thread.ofVirtual().start(() -> {
                try {
                    firstOutcome.set(threads.run(() -> {
                        holding.countDown();
                        await(release);
                        return "rows";
                    }));
                } catch (RuntimeException e) {
                    firstOutcome.set(e);
                }
            });
            holding.await();
            Throwable thrown = onVirtualThread(() -> {
                try {
                    threads.run(() -> {
                        secondRan.set(true);
                        return null;
                    });
                    return null;
                } catch (RuntimeException e) {
                    return e;
                }
            });
            release.countDown();
            first.join();
            assertThat(thrown).isInstanceOf(UserException.class);
            assertThat(((UserException) thrown).kind()).isEqualTo(Kind.UNAVAILABLE);
            assertThat(thrown.getMessage()).contains("busy");
            assertThat(threads.queued()).as("the read given up is no longer counted as waiting").isZero();
            assertThat(firstOutcome.get()).as("a read that had its thread is waited for, however long it takes")
                    .isEqualTo("rows");
        }
        // Closing waits for the threads' queue to drain: the second read was taken out of it, never run.
        assertThat(secondRan).isFalse();
    }

    @Test
    void aReadWaitingForAThreadIsCountedUntilItStarts() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ReadThreads threads = ReadThreads.of(1, 10_000)) {
            Thread first = Thread.ofVirtual().start(() -> threads.run(() -> {
                holding.countDown();
                await(release);
                return null;
            }));
            holding.await();
            assertThat(threads.queued()).as("a read that has its thread waits for nothing").isZero();
            Thread second = Thread.ofVirtual().start(() -> threads.run(() -> null));
            while (threads.queued() == 0) {
                Thread.onSpinWait(); // until the second read is in the queue, however long that takes
            }
            assertThat(threads.queued()).isEqualTo(1);
            release.countDown();
            first.join();
            second.join();
            assertThat(threads.queued()).isZero();
        }
    }

    @Test
    void anInterruptedCallerGetsItsAnswerAndKeepsTheInterrupt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> answer = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        try (ReadThreads threads = ReadThreads.of(1, 10_000)) {
            Thread caller = Thread.ofVirtual().start(() -> {
                answer.set(threads.run(() -> {
                    started.countDown();
                    await(release);
                    return "rows";
                }));
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            });
            started.await();
            caller.interrupt();
            release.countDown();
            caller.join();
        }
        assertThat(answer.get()).isEqualTo("rows");
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void aReadAfterCloseIsRefusedAndNotCountedAsWaiting() throws Exception {
        ReadThreads threads = ReadThreads.of(1, 10_000);
        threads.close();
        Throwable thrown = onVirtualThread(() -> {
            try {
                threads.run(() -> "rows");
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(threads.queued()).isZero();
    }

    private interface Call<T> {
        T call() throws Exception;
    }

    private static <T> T onVirtualThread(Call<T> call) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread t = Thread.ofVirtual().start(() -> {
            try {
                result.set(call.call());
            } catch (Exception e) {
                failure.set(e);
            }
        });
        t.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
