package org.seqvault.api.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Times every request by method, route template, dialect and status: {@code seqvault_http_requests_seconds}
 * in Prometheus, a histogram with fixed buckets from 5 ms to 60 s (few enough series per route to keep a
 * scrape small, fine enough for latency alerts). Routes are templates ({@code /v2/files/{file_id}}), never
 * raw paths, so ids do not explode the series count.
 */
public final class RequestMetrics {
    static final String NAME = "seqvault.http.requests";
    private static final Duration[] BUCKETS = {
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofSeconds(60)};

    private final Meter.MeterProvider<Timer> timers;
    private final Meter.MeterProvider<Counter> received;
    private final Meter.MeterProvider<Counter> served;

    public RequestMetrics(MeterRegistry registry) {
        this.timers = Timer.builder(NAME)
                .description("HTTP requests by method, route template, API dialect and status")
                .serviceLevelObjectives(BUCKETS)
                .withRegistry(registry);
        this.received = Counter.builder("seqvault.http.received").baseUnit("bytes")
                .description("Request body bytes received, by API dialect").withRegistry(registry);
        this.served = Counter.builder("seqvault.http.served").baseUnit("bytes")
                .description("Response body bytes sent, by API dialect").withRegistry(registry);
    }

    void record(String method, String route, int status, long nanos, WireBytes bytes) {
        String dialect = Routes.dialect(route);
        timers.withTags(Tags.of("method", method, "route", route, "dialect", dialect, "status", Integer.toString(status)))
                .record(nanos, TimeUnit.NANOSECONDS);
        Tags byDialect = Tags.of("dialect", dialect);
        if (bytes.received() > 0) {
            received.withTags(byDialect).increment(bytes.received());
        }
        if (bytes.served() > 0) {
            served.withTags(byDialect).increment(bytes.served());
        }
    }
}
