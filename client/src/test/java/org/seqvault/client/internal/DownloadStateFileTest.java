package org.seqvault.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownloadStateFileTest {
    @TempDir
    Path dir;

    @Test
    void runsOfFinishedRangesRoundTrip() {
        BitSet bits = new BitSet();
        bits.set(0, 4);
        bits.set(5);
        bits.set(9, 13);
        assertThat(DownloadStateFile.encode(bits)).isEqualTo("0-3,5,9-12");
        assertThat(DownloadStateFile.decode("0-3,5,9-12")).isEqualTo(bits);
        assertThat(DownloadStateFile.decode("").isEmpty()).isTrue();
        assertThat(DownloadStateFile.encode(new BitSet())).isEmpty();
    }

    @Test
    void aStateCountsOnlyForTheSameBytesInTheSameRangesWithItsPartialFile() throws Exception {
        Path target = dir.resolve("x.bam");
        Path partial = Files.write(dir.resolve("x.bam.part"), new byte[100]);
        DownloadStateFile state = DownloadStateFile.beside(target);
        BitSet done = new BitSet();
        done.set(1);
        state.write("sha256:ab:100", 100, 10, done);
        assertThat(dir.resolve(".x.bam.seqvault-download")).exists();

        assertThat(state.finished("sha256:ab:100", 100, 10, partial)).isEqualTo(done);
        assertThat(state.finished("sha256:cd:100", 100, 10, partial)).as("other bytes").isNull();
        assertThat(state.finished("sha256:ab:100", 100, 20, partial)).as("other ranges").isNull();
        Files.write(partial, new byte[99]);
        assertThat(state.finished("sha256:ab:100", 100, 10, partial)).as("partial file of the wrong size").isNull();
        state.delete();
        assertThat(state.finished("sha256:ab:100", 100, 10, partial)).isNull();
    }
}
