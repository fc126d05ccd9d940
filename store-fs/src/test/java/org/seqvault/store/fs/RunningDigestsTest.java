package org.seqvault.store.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunningDigestsTest {
    private static final String UPLOAD = "up_abcdefgh12345678";

    /**
     * An assembly waits in {@code settle} on its request's virtual thread while a part is read
     * ahead. On JDK 21 to 23 a virtual thread waiting on a monitor ({@code Object.wait} inside
     * {@code synchronized}) pins its carrier thread, and there is one carrier per core: two such
     * waits stopped every other request on a 2-core server. JDK 24 and later unmount such a thread,
     * so the pinning itself cannot be seen on the JDK the tests run on; what can be seen, on every
     * JDK, is how the thread waits: parked ({@code LockSupport}, which unmounts on JDK 21 too), not
     * in {@code Object.wait}.
     */
    @Test
    void settleWaitsParkedNotOnAMonitor() throws Exception {
        RunningDigests running = new RunningDigests();
        RunningDigests.CatchUp readAhead = claimReadAheadOfPart2(running);
        Thread assembly = Thread.ofVirtual().start(() -> settleQuietly(running));

        awaitWaiting(assembly);
        List<String> frames = Arrays.stream(assembly.getStackTrace())
                .map(f -> f.getClassName() + "." + f.getMethodName())
                .toList();

        assertThat(frames).as("how settle waits").contains(RunningDigests.class.getName() + ".settle")
                .noneMatch(f -> f.startsWith("java.lang.Object.wait"))
                .anyMatch(f -> f.startsWith("java.util.concurrent.locks.LockSupport.park"));
        running.caughtUp(UPLOAD, readAhead);
        assertThat(assembly.join(Duration.ofSeconds(10))).as("settle returned once the read-ahead ended").isTrue();
    }

    /** More assemblies waiting at once than there are carrier threads all go on when the reads end. */
    @Test
    void manyWaitingAssembliesAllGoOnWhenTheirReadsEnd() throws Exception {
        int uploads = Runtime.getRuntime().availableProcessors() * 4;
        RunningDigests running = new RunningDigests();
        RunningDigests.CatchUp[] readsAhead = new RunningDigests.CatchUp[uploads];
        Thread[] assemblies = new Thread[uploads];
        for (int i = 0; i < uploads; i++) {
            String upload = upload(i);
            readsAhead[i] = claimReadAheadOfPart2(running, upload);
            assemblies[i] = Thread.ofVirtual().start(() -> settleQuietly(running, upload));
        }
        for (Thread assembly : assemblies) {
            awaitWaiting(assembly);
        }

        for (int i = 0; i < uploads; i++) {
            if (i % 2 == 0) {
                running.caughtUp(upload(i), readsAhead[i]);
            } else {
                running.gaveUp(upload(i), readsAhead[i]);
            }
        }

        for (Thread assembly : assemblies) {
            assertThat(assembly.join(Duration.ofSeconds(10))).as("settle returned").isTrue();
        }
        assertThat(running.partsCovered(upload(0))).isEqualTo(2);
        assertThat(running.partsCovered(upload(1))).isEqualTo(1);
    }

    private static RunningDigests.CatchUp claimReadAheadOfPart2(RunningDigests running) {
        return claimReadAheadOfPart2(running, UPLOAD);
    }

    /** Part 1 carried the digests; part 2 came before it and is now claimed to be read back. */
    private static RunningDigests.CatchUp claimReadAheadOfPart2(RunningDigests running, String upload) {
        running.waiting(upload, 2, "part-2");
        running.extend(upload, running.continuation(upload, 1).orElseThrow(), "part-1", Digests.md5());
        return running.claimNext(upload).orElseThrow();
    }

    private static String upload(int i) {
        return "up_waiting" + String.format("%09d", i);
    }

    private static void settleQuietly(RunningDigests running) {
        settleQuietly(running, UPLOAD);
    }

    private static void settleQuietly(RunningDigests running, String upload) {
        try {
            running.settle(upload);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitWaiting(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("%s waits within 10 s", thread).isLessThan(deadline);
            Thread.sleep(1);
        }
    }
}
