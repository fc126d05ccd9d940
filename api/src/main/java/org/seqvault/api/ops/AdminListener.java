package org.seqvault.api.ops;

import io.javalin.Javalin;
import org.seqvault.api.Health;

/**
 * A second, private HTTP listener for operators: GET /metrics without a token (for Prometheus)
 * and GET /healthz. It serves nothing else, so an address that only the monitoring network
 * reaches exposes no API; it runs on a few platform threads of its own, so a scrape still
 * answers when the public port is saturated.
 */
public final class AdminListener implements AutoCloseable {
    private final Javalin app;

    private AdminListener(Javalin app) {
        this.app = app;
    }

    public static AdminListener start(String host, int port, MetricsPage metrics, Health health) {
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
            config.routes.get("/metrics", metrics::handle);
            config.routes.get("/healthz", health::handle);
        });
        return new AdminListener(app.start());
    }

    /** The port actually bound (useful when 0 was asked). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
    }
}
