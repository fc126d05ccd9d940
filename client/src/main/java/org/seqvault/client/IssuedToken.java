package org.seqvault.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A token just issued, with its secret: the only time the secret is shown.
 *
 * @param id          the token's id
 * @param token       the secret to send as {@code Authorization: Bearer …}
 * @param username    the owner
 * @param scopes      its scopes
 * @param expiresAt   when it stops working, or null
 * @param description free text, or null
 */
public record IssuedToken(String id, String token, String username, List<String> scopes,
                          @JsonProperty("expires_at") Instant expiresAt, String description) {
}
