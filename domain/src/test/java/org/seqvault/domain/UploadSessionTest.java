package org.seqvault.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class UploadSessionTest {

    @Test
    void everyPartButTheLastHoldsThePartSizeAndTheLastTheRest() {
        UploadSession s = session(2500, 1000);
        assertThat(s.partCount()).isEqualTo(3);
        assertThat(s.partLimit(1)).isEqualTo(1000);
        assertThat(s.partLimit(2)).isEqualTo(1000);
        assertThat(s.partLimit(3)).isEqualTo(500);
    }

    /** The Seven Bridges client stretches the part whose end lands on the last byte, leaving the last part empty. */
    @Test
    void thePartBeforeAOneByteLastPartMayCarryThatByte() {
        UploadSession s = session(2001, 1000);
        assertThat(s.partLimit(1)).isEqualTo(1000);
        assertThat(s.partLimit(2)).isEqualTo(1001);
        assertThat(s.partLimit(3)).isEqualTo(1);
        assertThat(session(1001, 1000).partLimit(1)).isEqualTo(1001);
    }

    @Test
    void aSinglePartHoldsTheWholeFileAndAnEmptyFileNothing() {
        assertThat(session(10, 1000).partLimit(1)).isEqualTo(10);
        assertThat(session(0, 1).partLimit(1)).isZero();
        assertThatThrownBy(() -> session(10, 1000).partLimit(2)).isInstanceOf(IllegalArgumentException.class);
    }

    private static UploadSession session(long size, long partSize) {
        return new UploadSession("up_x", "u", "p", "f", null, "x.bin", size, partSize,
                UploadSession.partCount(size, partSize), false, UploadState.OPEN, null, null, null, null, null, null,
                Instant.EPOCH, Instant.EPOCH.plusSeconds(60));
    }
}
