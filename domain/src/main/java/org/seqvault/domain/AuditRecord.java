package org.seqvault.domain;

import java.time.Instant;

/**
 * One entry of the audit trail: a change (or a download link handed out) with who did it and
 * how it ended. Records name users, tokens and projects by id and keep the names they had then,
 * so they still read right after those are gone. A token is named by its id, never its secret.
 *
 * @param action        an {@link AuditAction} wire name
 * @param outcome       an {@link AuditOutcome} wire name
 * @param problem       the refusal's problem code (e.g. {@code name_exists}), or null when it went through
 * @param userId        the caller, or null for the server itself (bootstrap) and for callers without a token
 *                      (a DRS download link to a file of a public project; request id and address are set)
 * @param clientAddress the client's IP address as the server saw it (the proxy's client with forwarded_headers)
 * @param projectId     the workspace id of the project the change touched, or null (tokens, users)
 * @param project       that project's owner/slug at the time
 * @param targetId      the id of what was changed (file, folder, project, token, user), when known
 * @param target        its path, key or name at the time
 * @param detail        a small JSON object with what changed (old and new name, keys, …), or null
 */
public record AuditRecord(String id, Instant at, String action, String outcome, String problem, String userId,
                          String username, String tokenId, String requestId, String clientAddress, String projectId,
                          String project, String targetId, String target, String detail) {

    public AuditRecord {
        if (id == null || at == null || action == null || outcome == null) {
            throw new IllegalArgumentException("an audit record needs an id, a time, an action and an outcome");
        }
    }
}
