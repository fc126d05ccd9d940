package org.seqvault.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DirectIoTest {
    /**
     * A burst of uploads takes many buffers at once. Once they are all given back, the pool keeps
     * {@link DirectIo#MAX_IDLE} of them and frees the rest, rather than holding every buffer the
     * burst needed for as long as the server runs.
     */
    @Test
    void afterABurstThePoolKeepsAFewBuffersAndFreesTheRest() {
        assumeTrue(OffHeap.explicit(), "JDK 21 frees a dropped direct buffer only through the collector");
        int burst = 3 * DirectIo.MAX_IDLE;
        List<OffHeap.Block> taken = takeAll(burst);
        taken.forEach(DirectIo::release);

        List<OffHeap.Block> again = takeAll(burst);
        try {
            Set<OffHeap.Block> reused = Collections.newSetFromMap(new IdentityHashMap<>());
            reused.addAll(taken);
            reused.retainAll(again);
            assertThat(reused).as("buffers of the burst handed out again").hasSizeLessThanOrEqualTo(DirectIo.MAX_IDLE);
            assertThat(taken.stream().filter(DirectIoTest::isFreed).count()).as("buffers of the burst freed")
                    .isGreaterThanOrEqualTo(burst - DirectIo.MAX_IDLE);
        } finally {
            again.forEach(DirectIo::release);
        }
    }

    /** Touching freed memory through its buffer throws rather than reading whatever is there now. */
    private static boolean isFreed(OffHeap.Block block) {
        try {
            block.buffer().get(0);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    @Test
    void buffersAreAlignedClearedAndOfTheSameSize() {
        OffHeap.Block block = DirectIo.buffer();
        block.buffer().put(new byte[100]).limit(200);
        DirectIo.release(block);

        List<OffHeap.Block> all = takeAll(DirectIo.MAX_IDLE + 1);
        try {
            for (OffHeap.Block b : all) {
                assertThat(b.buffer().isDirect()).isTrue();
                assertThat(b.buffer().position()).isZero();
                assertThat(b.buffer().limit()).isEqualTo(DirectIo.BUFFER_SIZE);
                assertThat(b.buffer().capacity()).isEqualTo(DirectIo.BUFFER_SIZE);
                assertThat(b.buffer().alignmentOffset(0, DirectIo.ALIGNMENT)).isZero();
            }
        } finally {
            all.forEach(DirectIo::release);
        }
    }

    private static List<OffHeap.Block> takeAll(int n) {
        List<OffHeap.Block> blocks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            blocks.add(DirectIo.buffer());
        }
        return blocks;
    }
}
