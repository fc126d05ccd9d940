package org.seqvault.api.http;

import io.javalin.http.Context;
import org.eclipse.jetty.util.Attributes;
import org.seqvault.service.auth.IdentityService;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.limit.RateLimiter;

/**
 * Reads the caller's token from either header every API accepts, once per request, and counts
 * the request against the token's rate limit (X-RateLimit-* headers on every answer).
 */
public final class Auth {
    private static final String ATTRIBUTE = "seqvault.principal";
    private final IdentityService identity;
    private final RateLimiter limiter;

    public Auth(IdentityService identity, RateLimiter limiter) {
        this.identity = identity;
        this.limiter = limiter;
    }

    public Principal principal(Context ctx) {
        Principal cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        Principal p = identity.authenticate(secret(ctx));
        try {
            quotaHeaders(ctx, limiter.acquire(p.token().id()));
        } catch (RateLimiter.Limited e) {
            quotaHeaders(ctx, e.quota());
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            throw e.asUserError();
        }
        ctx.attribute(ATTRIBUTE, p);
        return p;
    }

    /** The caller a request authenticated as, as Jetty sees it once answered; null when it did not. */
    public static Principal authenticated(Attributes request) {
        return request.getAttribute(ATTRIBUTE) instanceof Principal p ? p : null;
    }

    private static void quotaHeaders(Context ctx, RateLimiter.Quota q) {
        if (q.limit() >= 0) {
            ctx.header("X-RateLimit-Limit", Long.toString(q.limit()));
            ctx.header("X-RateLimit-Remaining", Long.toString(q.remaining()));
            ctx.header("X-RateLimit-Reset", Long.toString(q.resetEpochSecond()));
        }
    }

    static String secret(Context ctx) {
        String sbg = ctx.header("X-SBG-Auth-Token");
        if (sbg != null && !sbg.isBlank()) {
            return sbg.trim();
        }
        String authorization = ctx.header("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return null;
    }
}
