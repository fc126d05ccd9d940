package org.seqvault.api.http;

import io.javalin.http.Context;
import org.seqvault.service.auth.IdentityService;
import org.seqvault.service.auth.Principal;

/** Reads the caller's token from either header every API accepts, once per request. */
public final class Auth {
    private static final String ATTRIBUTE = "seqvault.principal";
    private final IdentityService identity;

    public Auth(IdentityService identity) {
        this.identity = identity;
    }

    public Principal principal(Context ctx) {
        Principal cached = ctx.attribute(ATTRIBUTE);
        if (cached != null) {
            return cached;
        }
        Principal p = identity.authenticate(secret(ctx));
        ctx.attribute(ATTRIBUTE, p);
        return p;
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
