package org.seqvault.service.scrub;

import java.time.Duration;
import java.time.Instant;

/**
 * What the last finished scrub found, in numbers: kept in the database by {@code seqvault scrub}
 * (which runs as its own process, from cron or by hand) so the servers' GET /metrics can report it.
 */
public record ScrubSummary(Instant finishedAt, Duration elapsed, long checkedBlobs, long checkedBytes, long corrupt,
                           long missing, long unreadable) {

    public static ScrubSummary of(ScrubReport report, Instant finishedAt) {
        return new ScrubSummary(finishedAt, report.elapsed(), report.checkedBlobs(), report.checkedBytes(),
                report.count(Finding.Problem.CORRUPT), report.count(Finding.Problem.MISSING),
                report.count(Finding.Problem.UNREADABLE));
    }
}
