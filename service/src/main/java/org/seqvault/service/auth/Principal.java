package org.seqvault.service.auth;

import org.seqvault.domain.Scope;
import org.seqvault.domain.Scopes;
import org.seqvault.domain.Token;
import org.seqvault.domain.User;
import org.seqvault.domain.UserException;
import org.seqvault.domain.Problem;

/**
 * The authenticated caller: a user acting through one token, in one request ({@code origin}),
 * which the audit trail records with every change the caller makes.
 */
public record Principal(User user, Token token, Origin origin) {

    public Principal {
        origin = origin == null ? Origin.NONE : origin;
    }

    /** A caller outside any request. */
    public Principal(User user, Token token) {
        this(user, token, Origin.NONE);
    }

    /** The same caller, in the request {@code from}. */
    public Principal from(Origin from) {
        return new Principal(user, token, from);
    }

    public Scopes scopes() {
        return token.scopes();
    }

    public String userId() {
        return user.id();
    }

    /** Admin tokens act on every project, as platform administrators do. */
    public boolean isAdmin() {
        return token.scopes().values().contains(Scope.ADMIN);
    }

    public void requireScope(Scope scope) {
        if (!token.scopes().allows(scope)) {
            throw new UserException(Problem.MISSING_SCOPE,
                    "this token lacks the '" + scope.wireName() + "' scope");
        }
    }
}
