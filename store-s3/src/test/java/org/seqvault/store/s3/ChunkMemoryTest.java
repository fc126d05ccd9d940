package org.seqvault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.store.s3.TestBytes.MIB;
import static org.seqvault.store.s3.TestBytes.checksumsOf;
import static org.seqvault.store.s3.TestBytes.random;
import static org.seqvault.store.s3.TestBytes.trickle;

import java.io.ByteArrayInputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.seqvault.testkit.stores.S3TestServer;

/**
 * Streams into S3 share one budget of chunk memory: a small stream needs none of it, a long one
 * waits for its lease while the budget is taken, and every lease is given back. (The timeouts
 * only keep a broken lease from hanging the build.)
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ChunkMemoryTest {
    private static final int CHUNK = ChunkedPartWriter.MIN_CHUNK;
    private final S3TestServer s3 = S3TestServer.shared();

    @Test
    void aSmallStreamGoesUpWithoutChunkMemory() throws Exception {
        ChunkMemory memory = new ChunkMemory(2L * CHUNK);
        byte[] content = random(4096, 7);
        try (ChunkMemory.Lease everything = memory.lease(2L * CHUNK)) {
            ChunkedPartWriter.Written written = writer(memory).write("mem/small", begin("mem/small"),
                    new ByteArrayInputStream(content), 100L * MIB, 1);
            assertThat(written.size()).isEqualTo(content.length);
            assertThat(written.checksums()).isEqualTo(checksumsOf(content));
            assertThat(written.s3Parts()).isEqualTo(1);
        }
    }

    @Test
    void aLongStreamWaitsForItsLeaseAndGivesItBack() throws Exception {
        ChunkMemory memory = new ChunkMemory(2L * CHUNK);
        byte[] content = random(12 * MIB + 5, 8);
        String upload = begin("mem/long");
        CompletableFuture<ChunkedPartWriter.Written> writing;
        try (ChunkMemory.Lease everything = memory.lease(2L * CHUNK)) {
            writing = CompletableFuture.supplyAsync(() -> {
                try {
                    return writer(memory).write("mem/long", upload, trickle(content), 100L * MIB, 1);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            while (!memory.hasWaiters()) {
                assertThat(writing).as("the stream cannot go on without memory").isNotDone();
                Thread.onSpinWait();
            }
        }
        ChunkedPartWriter.Written written = writing.get();
        assertThat(written.size()).isEqualTo(content.length);
        assertThat(written.checksums()).isEqualTo(checksumsOf(content));
        assertThat(written.s3Parts()).isEqualTo(3);
        assertThat(memory.available()).as("the lease was given back").isEqualTo(2 * CHUNK);
    }

    @Test
    void aLeaseIsCappedAtTheBudget() throws Exception {
        ChunkMemory memory = new ChunkMemory(MIB);
        try (ChunkMemory.Lease all = memory.lease(64L * MIB)) {
            assertThat(memory.available()).isZero();
        }
        assertThat(memory.available()).isEqualTo(MIB);
    }

    private ChunkedPartWriter writer(ChunkMemory memory) {
        return new ChunkedPartWriter(s3.client(), S3TestServer.BUCKET, CHUNK, memory);
    }

    private String begin(String key) {
        return s3.client().createMultipartUpload(r -> r.bucket(S3TestServer.BUCKET).key(key)).uploadId();
    }
}
