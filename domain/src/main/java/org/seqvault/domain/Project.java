package org.seqvault.domain;

import java.time.Instant;

/**
 * A project (v1: workspace). {@code id} is the workspace id ("ws_…"); {@code ref} the Seven
 * Bridges id "owner/slug"; {@code rootFolderId} the node that holds its top-level files.
 */
public record Project(String id, ProjectRef ref, String rootFolderId, String name, String description,
                      String createdBy, boolean isPublic, Instant createdAt, Instant modifiedAt) {
}
