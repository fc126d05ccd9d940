package org.seqvault.service.file;

import org.seqvault.service.auth.Origin;
import org.seqvault.service.auth.Principal;

/**
 * Who asks the DRS view of the namespace: a token's principal, or nobody (a request without a
 * token, which reaches only files of public projects) from {@code origin}.
 */
public record DrsCaller(Principal principal, Origin origin) {

    public DrsCaller {
        origin = origin == null ? Origin.NONE : origin;
    }

    public static DrsCaller of(Principal principal) {
        return new DrsCaller(principal, principal.origin());
    }

    public static DrsCaller anonymous(Origin origin) {
        return new DrsCaller(null, origin);
    }

    public boolean isAnonymous() {
        return principal == null;
    }
}
