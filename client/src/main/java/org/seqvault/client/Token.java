package org.seqvault.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A token as listed: never the secret.
 *
 * @param id          pass to {@link Tokens#revoke(String)}
 * @param username    the owner
 * @param scopes      {@code files}, {@code projects}, {@code tokens}, {@code admin}
 * @param description free text, or null
 * @param createdAt   when it was issued
 * @param expiresAt   when it stops working, or null
 * @param revokedAt   when it was revoked, or null
 */
public record Token(String id, String username, List<String> scopes, String description,
                    @JsonProperty("created_at") Instant createdAt, @JsonProperty("expires_at") Instant expiresAt,
                    @JsonProperty("revoked_at") Instant revokedAt) {
}
