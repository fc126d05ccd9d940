package org.seqvault.api.ops;

import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.seqvault.api.http.Auth;
import org.seqvault.domain.Scope;

/**
 * GET /metrics: the server's metrics in the Prometheus text format. On the public port it
 * answers admin tokens only; on the admin listener (an address operators keep private) it
 * needs no token, as Prometheus scrapes expect.
 */
public final class MetricsPage {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry;

    public MetricsPage(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The public port's handler: the caller must hold the admin scope. */
    public void handleForAdmins(Context ctx, Auth auth) {
        auth.principal(ctx).requireScope(Scope.ADMIN);
        handle(ctx);
    }

    /** The admin listener's handler. */
    void handle(Context ctx) {
        ctx.contentType(CONTENT_TYPE).result(registry.scrape());
    }
}
