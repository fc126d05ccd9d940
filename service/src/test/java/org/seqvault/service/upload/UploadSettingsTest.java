package org.seqvault.service.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.seqvault.domain.UploadSession;

class UploadSettingsTest {
    private final UploadSettings settings = new UploadSettings(500L << 20, 5L << 30, 5L << 40,
            Duration.ofHours(1), Duration.ofDays(1));

    @Test
    void partsAreAtLeast64MiB() {
        assertThat(settings.partSizeFor(6L << 30)).isEqualTo(64L << 20);
    }

    @Test
    void anyFileUpTo5TiBFitsIn10000Parts() {
        for (long size : new long[] {6L << 30, 100L << 30, 1L << 40, 5L << 40}) {
            long part = settings.partSizeFor(size);
            assertThat(UploadSession.partCount(size, part)).as("size %d", size).isLessThanOrEqualTo(10_000);
            assertThat(part % (1 << 20)).isZero();
            assertThat(part).isLessThanOrEqualTo(5L << 30);
        }
    }

    @Test
    void anEmptyFileStillHasOnePart() {
        assertThat(UploadSession.partCount(0, 1)).isEqualTo(1);
        assertThat(UploadSession.partCount(10, 5)).isEqualTo(2);
        assertThat(UploadSession.partCount(11, 5)).isEqualTo(3);
    }
}
