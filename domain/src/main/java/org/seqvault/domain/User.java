package org.seqvault.domain;

import java.time.Instant;

/** A person or service account. */
public record User(String id, Username username, String email, String firstName, String lastName, Instant createdAt) {
}
