package org.seqvault.service.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.seqvault.domain.Token;

public interface TokenRepository {
    void insert(Token token);

    /** Looks a token up by the hash of its secret (an indexed, unique column). */
    Optional<Token> bySecretHash(String secretHash);

    Optional<Token> byId(String id);

    /** A user's tokens, newest first, revoked ones included. */
    List<Token> forUser(String userId);

    /** Marks the token revoked at {@code at}; returns false when it does not exist or was already revoked. */
    boolean revoke(String id, Instant at);
}
