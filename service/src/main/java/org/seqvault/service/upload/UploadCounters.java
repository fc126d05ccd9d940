package org.seqvault.service.upload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;

/**
 * Counts upload sessions by what became of them ({@code seqvault_uploads_total{event=…}} in
 * GET /metrics): opened, completed, aborted, expired, and failed (a completion refused, e.g. a
 * checksum or size that did not match, or an error while publishing).
 */
final class UploadCounters {
    private static final String NAME = "seqvault.uploads";

    final Counter opened = counter("opened");
    final Counter completed = counter("completed");
    final Counter aborted = counter("aborted");
    final Counter expired = counter("expired");
    final Counter failed = counter("failed");

    private static Counter counter(String event) {
        return Counter.builder(NAME).description("Upload sessions by what became of them").tag("event", event)
                .register(Metrics.globalRegistry);
    }
}
