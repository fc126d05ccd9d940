package org.seqvault.api.http;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Timestamps on the wire: UTC, whole seconds, 'Z' ("2024-05-01T12:34:56Z"), as the Seven Bridges client parses them. */
public final class Times {
    private Times() {
    }

    public static String format(Instant t) {
        return t == null ? null : t.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
