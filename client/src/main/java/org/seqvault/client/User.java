package org.seqvault.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A user account.
 *
 * @param username  {@code [a-z0-9][a-z0-9_-]{1,38}}
 * @param email     or null
 * @param firstName or null
 * @param lastName  or null
 * @param createdAt when the account was made (null from {@link SeqVault#me()})
 */
public record User(String username, String email, @JsonProperty("first_name") String firstName,
                   @JsonProperty("last_name") String lastName, @JsonProperty("created_at") Instant createdAt) {
}
