package org.seqvault.api.v2;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqvault.api.RouteTable;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Times;
import org.seqvault.service.port.Clock;

/**
 * GET /v2/rate_limit (spec §9): the caller's request quota. The numbers are the ones the
 * authentication step put in this answer's X-RateLimit-* headers, so body and headers always
 * agree. Without them limiting is off, and the answer says so in the platform's own notation
 * for "no limit" (-1, as its instance_limit uses), in headers and body alike.
 */
public final class RateLimitRoutes {
    static final String LIMIT = "X-RateLimit-Limit";
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String RESET = "X-RateLimit-Reset";
    /** The platform's rate window; with limiting off the reset time is simply one window ahead. */
    private static final long WINDOW_SECONDS = 300;
    private static final long UNLIMITED = -1;

    private final Auth auth;
    private final Clock clock;

    public RateLimitRoutes(Auth auth, Clock clock) {
        this.auth = auth;
        this.clock = clock;
    }

    public void register(RouteTable routes) {
        routes.get("/v2/rate_limit", this::rateLimit);
    }

    private void rateLimit(Context ctx) {
        auth.principal(ctx);
        if (ctx.res().getHeader(LIMIT) == null) {
            ctx.header(LIMIT, Long.toString(UNLIMITED));
            ctx.header(REMAINING, Long.toString(UNLIMITED));
            ctx.header(RESET, Long.toString(clock.now().getEpochSecond() + WINDOW_SECONDS));
        }
        long limit = Long.parseLong(ctx.res().getHeader(LIMIT));
        long remaining = Long.parseLong(ctx.res().getHeader(REMAINING));
        Instant reset = Instant.ofEpochSecond(Long.parseLong(ctx.res().getHeader(RESET)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("rate", quota(limit, remaining, reset));
        body.put("instance_limit", quota(UNLIMITED, UNLIMITED, reset));
        ctx.json(body);
    }

    private static Map<String, Object> quota(long limit, long remaining, Instant reset) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("limit", limit);
        m.put("remaining", remaining);
        m.put("reset", Times.format(reset));
        return m;
    }
}
