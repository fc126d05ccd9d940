package org.seqvault.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ChunkPipelineTest {
    /**
     * Many uploads at once, each with its pipeline open while its client is slow to send more: the
     * stages share a bounded set of threads instead of holding one each for the whole upload.
     */
    @Test
    void manyOpenPipelinesShareABoundedNumberOfThreads() throws Exception {
        int pipelines = ChunkPipeline.STAGE_THREADS + 2;
        CountDownLatch worked = new CountDownLatch(2 * pipelines);
        List<ChunkPipeline> open = new ArrayList<>();
        try {
            for (int i = 0; i < pipelines; i++) {
                ChunkPipeline pipeline = new ChunkPipeline(List.of((b, len) -> worked.countDown(),
                        (b, len) -> worked.countDown()));
                open.add(pipeline);
                pipeline.submit(pipeline.buffer(), 1);
            }
            assertThat(worked.await(30, TimeUnit.SECONDS)).as("every stage worked on its chunk").isTrue();

            assertThat(liveStageThreads()).as("stage threads while %d pipelines of 2 stages are open", pipelines)
                    .isLessThanOrEqualTo(ChunkPipeline.STAGE_THREADS);
        } finally {
            for (ChunkPipeline pipeline : open) {
                pipeline.finish();
            }
        }
    }

    /** Every stage sees every chunk, in order, with many pipelines contending for the threads. */
    @Test
    void eachStageSeesEveryChunkInOrderUnderContention() throws Exception {
        int pipelines = 3 * ChunkPipeline.STAGE_THREADS;
        int chunks = 5 * ChunkPipeline.CHUNKS;
        List<List<List<Integer>>> seen = new ArrayList<>();
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < pipelines; p++) {
            List<List<Integer>> stages = List.of(Collections.synchronizedList(new ArrayList<>()),
                    Collections.synchronizedList(new ArrayList<>()), Collections.synchronizedList(new ArrayList<>()));
            seen.add(stages);
            producers.add(Thread.ofVirtual().start(() -> produce(stages, chunks)));
        }
        for (Thread producer : producers) {
            producer.join();
        }

        List<Integer> expected = new ArrayList<>();
        for (int c = 0; c < chunks; c++) {
            expected.add(c);
        }
        for (List<List<Integer>> stages : seen) {
            for (List<Integer> stage : stages) {
                assertThat(stage).isEqualTo(expected);
            }
        }
    }

    private static void produce(List<List<Integer>> stages, int chunks) {
        List<ChunkPipeline.Stage> recorders = new ArrayList<>();
        for (List<Integer> stage : stages) {
            recorders.add((b, len) -> stage.add((b[0] & 0xff) | (b[1] & 0xff) << 8));
        }
        try (ChunkPipeline pipeline = new ChunkPipeline(recorders)) {
            for (int c = 0; c < chunks; c++) {
                byte[] buffer = pipeline.buffer();
                buffer[0] = (byte) c;
                buffer[1] = (byte) (c >> 8);
                pipeline.submit(buffer, 2);
            }
            pipeline.finish();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFailingStageIsReportedAndTheOthersStillSeeEveryChunk() throws Exception {
        List<Integer> lengths = Collections.synchronizedList(new ArrayList<>());
        try (ChunkPipeline pipeline = new ChunkPipeline(List.of(
                (b, len) -> lengths.add(len),
                (b, len) -> {
                    throw new IOException("disk gone");
                }))) {
            for (int c = 1; c <= 3 * ChunkPipeline.CHUNKS; c++) {
                pipeline.submit(pipeline.buffer(), c);
            }
            assertThat(pipeline.failed()).isTrue();
            assertThatThrownBy(pipeline::finish).isInstanceOf(IOException.class).hasMessage("disk gone");
        }
        assertThat(lengths).hasSize(3 * ChunkPipeline.CHUNKS);
    }

    private static long liveStageThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("seqvault-part-stage-"))
                .count();
    }
}
