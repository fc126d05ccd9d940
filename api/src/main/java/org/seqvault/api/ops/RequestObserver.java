package org.seqvault.api.ops;

import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;

/**
 * Sees every request once it is answered: counts it in the metrics and writes its access-log
 * line. Jetty calls it when the whole answer is sent (so bytes and time are final, and requests
 * Jetty refused before any route ran are seen too); Javalin, earlier, tells it the route matched.
 */
public final class RequestObserver implements RequestLog {
    private final RequestMetrics metrics;
    private final AccessLog accessLog;

    public RequestObserver(RequestMetrics metrics, AccessLog accessLog) {
        this.metrics = metrics;
        this.accessLog = accessLog;
    }

    /** For Javalin's request logger: remembers the route the request matched. */
    public RequestLogger routeRecorder() {
        return (Context ctx, Float millis) -> Routes.remember(ctx);
    }

    @Override
    public void log(Request request, Response response) {
        long nanos = System.nanoTime() - request.getBeginNanoTime();
        WireBytes bytes = WireBytes.of(request, response);
        String route = Routes.template(request);
        metrics.record(request.getMethod(), route, response.getStatus(), nanos, bytes);
        accessLog.write(request, route, response.getStatus(), TimeUnit.NANOSECONDS.toMicros(nanos) / 1000.0, bytes);
    }
}
