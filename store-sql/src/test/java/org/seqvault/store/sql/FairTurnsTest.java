package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Connections go to the threads that asked first, and a turn comes back however the work ends. */
class FairTurnsTest {
    @Test
    void waitersGetTheirTurnsInTheOrderTheyAsked() throws Exception {
        FairTurns turns = new FairTurns(1);
        CountDownLatch holding = new CountDownLatch(1), release = new CountDownLatch(1);
        Thread holder = Thread.ofVirtual().start(() -> turns.run(() -> {
            holding.countDown();
            await(release);
            return null;
        }));
        holding.await();
        List<Integer> served = Collections.synchronizedList(new ArrayList<>());
        List<Thread> waiters = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            int me = i;
            waiters.add(Thread.ofVirtual().start(() -> turns.run(() -> served.add(me))));
            // The next one asks only once this one is queued, so the order of asking is known.
            while (turns.waiting() < i + 1) {
                Thread.onSpinWait();
            }
        }
        release.countDown();
        holder.join();
        for (Thread t : waiters) {
            t.join();
        }
        assertThat(served).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aTurnComesBackWhenTheWorkFails() {
        FairTurns turns = new FairTurns(1);
        assertThatThrownBy(() -> turns.run(() -> {
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(turns.run(() -> "next")).isEqualTo("next");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
