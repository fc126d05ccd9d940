package org.seqvault.reliability.auth;

/**
 * The status a caller must get from a route, from the contract: 401 without a usable token,
 * 403 without the scope or the permission, 404 for a project (or its files) the caller cannot
 * see, so that their existence does not leak. DRS routes also serve callers sending no token at
 * all: files of public projects, authorisation info, and bulk calls that refuse the rest per id (401).
 */
final class Expected {
    private Expected() {
    }

    static int status(RouteCase route, CallerKind caller) {
        Need need = route.need();
        return switch (need.access()) {
            case PUBLIC -> route.success();
            case SIGNED_URL -> 403;
            default -> {
                if (caller == CallerKind.NO_TOKEN && need.access().servesWithoutToken()) {
                    yield route.success();
                }
                if (caller.unauthenticated()) {
                    yield 401;
                }
                if (caller == CallerKind.TOKEN_LACKING_SCOPE) {
                    yield need.scope() == Need.Scope.NONE ? access(route, need.access(), CallerKind.OWNER) : 403;
                }
                yield access(route, need.access(), caller);
            }
        };
    }

    /** The status of one item of a bulk call (the call itself answers 200). */
    static int itemStatus(Need.Access access, CallerKind caller) {
        if (caller == CallerKind.NO_TOKEN) {
            // Only DRS bulk calls get this far without a token: what is not public is refused item by item.
            return access == Need.Access.DRS_PUBLIC_READ || access == Need.Access.DRS_AUTH_INFO ? 200 : 401;
        }
        return access(null, access, caller);
    }

    private static int access(RouteCase route, Need.Access access, CallerKind caller) {
        int ok = route == null ? 200 : route.success();
        if (caller == CallerKind.ADMIN) {
            return ok;
        }
        return switch (access) {
            case ANY, PUBLIC, DRS_PUBLIC_READ, DRS_BULK -> ok;
            case ADMIN -> 403;
            case READ, DRS_READ, DRS_AUTH_INFO -> caller == CallerKind.NON_MEMBER ? 404 : ok;
            case WRITE -> caller == CallerKind.NON_MEMBER ? 404 : caller == CallerKind.READ_MEMBER ? 403 : ok;
            case COPY, PROJECT_ADMIN -> caller == CallerKind.NON_MEMBER ? 404 : caller == CallerKind.OWNER ? ok : 403;
            case UPLOAD_OWNER -> caller == CallerKind.OWNER ? ok : 403;
            case OWN_TOKEN -> caller == CallerKind.OWNER ? ok : 404;
            case SIGNED_URL -> 403;
        };
    }
}
