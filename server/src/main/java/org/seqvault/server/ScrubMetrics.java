package org.seqvault.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToDoubleFunction;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.scrub.ScrubSummary;

/**
 * The last scrub's numbers in GET /metrics ({@code seqvault_scrub_*}), as {@code seqvault scrub}
 * left them in the database: read at most once per {@link #FRESH} however many gauges a scrape
 * reads. Before any scrub ran, the gauges are 0 and {@code seqvault_scrub_last_finished_seconds} is 0.
 */
final class ScrubMetrics {
    static final Duration FRESH = Duration.ofSeconds(10);

    private final MetadataStore store;
    private final Clock clock;
    /** A lock, not a monitor: a scrape runs on a virtual thread, and the read inside is blocking I/O. */
    private final ReentrantLock lock = new ReentrantLock();
    private Optional<ScrubSummary> last = Optional.empty();
    private boolean read;
    private long readAtMillis;

    ScrubMetrics(MetadataStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    void bindTo(MeterRegistry registry) {
        gauge(registry, "seqvault.scrub.last.finished", "seconds", "When the last scrub finished (Unix seconds; 0: never)",
                s -> s.finishedAt().getEpochSecond());
        gauge(registry, "seqvault.scrub.last.duration", "seconds", "How long the last scrub took",
                s -> s.elapsed().toMillis() / 1000.0);
        gauge(registry, "seqvault.scrub.last.checked.blobs", null, "Blobs the last scrub read", ScrubSummary::checkedBlobs);
        gauge(registry, "seqvault.scrub.last.checked", "bytes", "Bytes the last scrub read", ScrubSummary::checkedBytes);
        problem(registry, "corrupt", ScrubSummary::corrupt);
        problem(registry, "missing", ScrubSummary::missing);
        problem(registry, "unreadable", ScrubSummary::unreadable);
    }

    private void problem(MeterRegistry registry, String problem, ToDoubleFunction<ScrubSummary> count) {
        Gauge.builder("seqvault.scrub.last.findings", this, m -> m.value(count))
                .description("Blobs the last scrub found corrupt, missing or unreadable").tag("problem", problem)
                .strongReference(true).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String unit, String description,
                       ToDoubleFunction<ScrubSummary> value) {
        // Strong: nothing else holds this object, and a gauge's weak reference would read NaN after a GC.
        Gauge.builder(name, this, m -> m.value(value)).description(description).baseUnit(unit)
                .strongReference(true).register(registry);
    }

    private double value(ToDoubleFunction<ScrubSummary> of) {
        lock.lock();
        try {
            long now = clock.now().toEpochMilli();
            if (!read || now - readAtMillis >= FRESH.toMillis()) {
                last = store.read(tx -> tx.blobs().lastScrub());
                read = true;
                readAtMillis = now;
            }
            return last.map(of::applyAsDouble).orElse(0.0);
        } finally {
            lock.unlock();
        }
    }
}
