package org.seqvault.service.auth;

import org.seqvault.domain.Token;
import org.seqvault.domain.User;

/** A newly created token: the secret is shown once, here, and never again. */
public record IssuedToken(Token token, User user, String secret) {
}
