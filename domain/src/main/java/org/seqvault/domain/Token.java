package org.seqvault.domain;

import java.time.Instant;

/** An API token as stored: only the hash of the secret is kept. */
public record Token(String id, String userId, String secretHash, Scopes scopes, String description,
                    Instant createdAt, Instant expiresAt, Instant revokedAt) {

    public boolean usableAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
