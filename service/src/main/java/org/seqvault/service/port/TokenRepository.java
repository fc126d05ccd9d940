package org.seqvault.service.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.seqvault.domain.Token;
import org.seqvault.domain.User;

public interface TokenRepository {
    /** A token with the user it belongs to. */
    record Owned(Token token, User user) {
    }

    void insert(Token token);

    /** Looks a token up by the hash of its secret (an indexed, unique column). */
    Optional<Token> bySecretHash(String secretHash);

    /**
     * A token and its user by the hash of the token's secret, in one lookup: what every
     * authenticated request needs.
     */
    Optional<Owned> withUserBySecretHash(String secretHash);

    Optional<Token> byId(String id);

    /** A user's tokens, newest first, revoked ones included. */
    List<Token> forUser(String userId);

    /** Marks the token revoked at {@code at}; returns false when it does not exist or was already revoked. */
    boolean revoke(String id, Instant at);
}
