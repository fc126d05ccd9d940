package org.seqvault.service.port;

import java.time.Instant;

/** Time, injectable for tests. Instants are truncated to microseconds so every store round-trips them. */
public interface Clock {
    Instant now();

    static Clock system() {
        return () -> Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }
}
