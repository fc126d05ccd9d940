package org.seqvault.domain;

/** A user's permissions in one project. */
public record Member(String projectId, String userId, Username username, Permissions permissions) {
}
