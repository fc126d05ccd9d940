package org.seqvault.service.scrub;

import java.time.Duration;
import java.util.List;

/**
 * The result of one scrub pass over every blob the database knows.
 *
 * @param checkedBlobs blobs whose bytes were read and hashed (or found missing)
 * @param checkedBytes the recorded size of those blobs
 * @param findings     every blob that is corrupt, missing or unreadable
 * @param elapsed      how long the pass took
 */
public record ScrubReport(long checkedBlobs, long checkedBytes, List<Finding> findings, Duration elapsed) {
    public ScrubReport {
        findings = List.copyOf(findings);
    }

    public boolean clean() {
        return findings.isEmpty();
    }

    public long count(Finding.Problem problem) {
        return findings.stream().filter(f -> f.problem() == problem).count();
    }
}
