package org.seqvault.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.seqvault.service.gc.Collector;

/**
 * The background collector's results in GET /metrics: passes by outcome, what each reclaimed, and
 * when the last pass succeeded (alert when it is old: bytes are no longer being reclaimed).
 */
final class CollectorMetrics {
    private final Counter succeeded;
    private final Counter failed;
    private final Counter expiredUploads;
    private final Counter expiredTrash;
    private final Counter prunedUploads;
    private final Counter deletedBlobs;
    private final Counter orphanBlobs;
    private final Counter orphanStagings;
    private final AtomicLong lastSuccessEpochSeconds = new AtomicLong();

    CollectorMetrics(MeterRegistry registry) {
        succeeded = passes(registry, "ok");
        failed = passes(registry, "failed");
        expiredUploads = reclaimed(registry, "expired_uploads");
        expiredTrash = reclaimed(registry, "expired_trash_items");
        prunedUploads = reclaimed(registry, "finished_upload_sessions");
        deletedBlobs = reclaimed(registry, "unreferenced_blobs");
        orphanBlobs = reclaimed(registry, "orphan_blobs");
        orphanStagings = reclaimed(registry, "orphan_stagings");
        Gauge.builder("seqvault.collector.last.success", lastSuccessEpochSeconds, AtomicLong::get)
                .description("When the last collector pass succeeded (Unix seconds; 0: none yet)")
                .baseUnit("seconds").register(registry);
    }

    void passed(Collector.Report report) {
        succeeded.increment();
        expiredUploads.increment(report.expiredUploads());
        expiredTrash.increment(report.expiredTrash());
        prunedUploads.increment(report.prunedUploads());
        deletedBlobs.increment(report.deletedBlobs());
        orphanBlobs.increment(report.orphanBlobs());
        orphanStagings.increment(report.orphanStagings());
        lastSuccessEpochSeconds.set(System.currentTimeMillis() / 1000);
    }

    void failed() {
        failed.increment();
    }

    private static Counter passes(MeterRegistry registry, String outcome) {
        return Counter.builder("seqvault.collector.passes").description("Collector passes by outcome")
                .tag("outcome", outcome).register(registry);
    }

    private static Counter reclaimed(MeterRegistry registry, String kind) {
        return Counter.builder("seqvault.collector.reclaimed")
                .description("What collector passes reclaimed, by kind").tag("kind", kind).register(registry);
    }
}
