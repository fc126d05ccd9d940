package org.seqvault.service.auth;

import org.seqvault.domain.Scope;
import org.seqvault.domain.Scopes;
import org.seqvault.domain.Token;
import org.seqvault.domain.User;
import org.seqvault.domain.UserException;
import org.seqvault.domain.Problem;

/** The authenticated caller: a user acting through one token. */
public record Principal(User user, Token token) {

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
