package org.seqvault.service.file;

import java.time.Duration;

/**
 * How long a deleted file or folder stays in its project's trash before it is purged; zero turns
 * the trash off, and a delete is then final at once (its bytes go at the collector's next pass).
 */
public record TrashRetention(Duration period) {
    /** What the retention is when nothing sets it. */
    public static final Duration DEFAULT = Duration.ofDays(14);

    public TrashRetention {
        if (period == null || period.isNegative()) {
            throw new IllegalArgumentException("the trash retention must be zero or positive: " + period);
        }
    }

    /** No trash: deletes are final. */
    public static TrashRetention off() {
        return new TrashRetention(Duration.ZERO);
    }

    public boolean enabled() {
        return !period.isZero();
    }
}
