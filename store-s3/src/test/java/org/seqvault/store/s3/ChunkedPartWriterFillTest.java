package org.seqvault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** A chunk buffer grows with the bytes that arrive: a small upload must not hold a whole 8 MiB chunk. */
class ChunkedPartWriterFillTest {

    @Test
    void aSmallStreamHoldsASmallBuffer() throws Exception {
        byte[][] buffers = new byte[2][];
        int n = ChunkedPartWriter.fill(buffers, 0, new ByteArrayInputStream(new byte[4096]), ChunkedPartWriter.DEFAULT_CHUNK);
        assertThat(n).isEqualTo(4096);
        assertThat(buffers[0]).hasSize(ChunkedPartWriter.FIRST_BUFFER);
        assertThat(buffers[1]).isNull();
    }

    @Test
    void aBufferGrowsAsBytesArriveAndKeepsThemInOrder() throws Exception {
        byte[] content = TestBytes.random(200_000, 7);
        byte[][] buffers = new byte[2][];
        int n = ChunkedPartWriter.fill(buffers, 1, new ByteArrayInputStream(content), ChunkedPartWriter.DEFAULT_CHUNK);
        assertThat(n).isEqualTo(content.length);
        assertThat(buffers[1].length).isLessThanOrEqualTo(4 * ChunkedPartWriter.FIRST_BUFFER);
        assertThat(Arrays.copyOf(buffers[1], n)).isEqualTo(content);
    }

    @Test
    void aFullChunkStopsAtWhatWasAskedFor() throws Exception {
        byte[] content = TestBytes.random(300_000, 8);
        byte[][] buffers = new byte[2][];
        int n = ChunkedPartWriter.fill(buffers, 0, new ByteArrayInputStream(content), 100_000);
        assertThat(n).isEqualTo(100_000);
        assertThat(Arrays.copyOf(buffers[0], n)).isEqualTo(Arrays.copyOf(content, 100_000));
    }
}
