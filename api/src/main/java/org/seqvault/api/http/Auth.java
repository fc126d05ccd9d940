package org.seqvault.api.http;

import io.javalin.http.Context;
import java.util.Optional;
import org.eclipse.jetty.util.Attributes;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.IdentityService;
import org.seqvault.service.auth.Origin;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.limit.RateLimiter;

/**
 * Reads the caller's token from either header every API accepts, once per request, and counts
 * the request against the token's rate limit (X-RateLimit-* headers on every answer).
 *
 * <p>A token that fails to authenticate counts against its client address instead: past that
 * limit, failures are answered 429 with {@code Retry-After} rather than 401, telling a client
 * that keeps sending a wrong token to back off. Only failures are counted and only failures are
 * refused, so a valid token from the same address is never slowed by this.
 *
 * <p>The principal carries the request's id and client address, which the audit trail records
 * with every change made through it.
 */
public final class Auth {
    private static final String ATTRIBUTE = "seqvault.principal";
    /** Rate-limit keys of requests without a token; token ids never start so. */
    static final String ANONYMOUS_KEY_PREFIX = "anonymous:";
    private final IdentityService identity;
    private final RateLimiter limiter;
    private final RateLimiter failures;

    /**
     * @param limiter  requests per token
     * @param failures failed authentications per client address
     */
    public Auth(IdentityService identity, RateLimiter limiter, RateLimiter failures) {
        this.identity = identity;
        this.limiter = limiter;
        this.failures = failures;
    }

    public Principal principal(Context ctx) {
        Principal cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        Principal p = authenticate(ctx).from(new Origin(RequestIds.of(ctx), ctx.ip()));
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

    /**
     * The caller of a route that also serves requests without a token (DRS, for files of public
     * projects): empty when the request sends neither token header; otherwise the principal, and a
     * header that does not authenticate is refused as on every other route. A request without a
     * token counts against its client address's rate limit (the same limit a token has).
     */
    public Optional<Principal> principalIfSent(Context ctx) {
        if (ctx.header("X-SBG-Auth-Token") != null || ctx.header("Authorization") != null) {
            return Optional.of(principal(ctx));
        }
        try {
            quotaHeaders(ctx, limiter.acquire(ANONYMOUS_KEY_PREFIX + ClientAddress.key(ctx.ip())));
        } catch (RateLimiter.Limited e) {
            quotaHeaders(ctx, e.quota());
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            throw e.asUserError();
        }
        return Optional.empty();
    }

    private Principal authenticate(Context ctx) {
        String secret = secret(ctx);
        try {
            return identity.authenticate(secret);
        } catch (UserException e) {
            // A request without any token is told to send one; only a token that was tried and failed counts.
            if (secret != null && !secret.isEmpty() && e.problem() == Problem.UNAUTHORIZED) {
                countFailure(ctx);
            }
            throw e;
        }
    }

    private void countFailure(Context ctx) {
        try {
            failures.acquire(ClientAddress.key(ctx.ip()));
        } catch (RateLimiter.Limited e) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            throw new UserException(Problem.RATE_LIMITED, "too many failed authentications from this address; retry in "
                    + e.retryAfterSeconds() + " s with a valid token (valid tokens are not limited by this)");
        }
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
