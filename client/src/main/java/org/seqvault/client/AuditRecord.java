package org.seqvault.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Map;

/**
 * One entry of the server's audit trail: a change (or a download link handed out) and how it ended.
 * Names are those things had at the time; the token is named by its id, never its secret.
 *
 * @param id            the record's id ({@code aud_…})
 * @param at            when, to the microsecond
 * @param action        e.g. {@code file.rename}, {@code member.add}, {@code file.download_url}
 * @param outcome       {@code ok}, or why it was refused: {@code denied}, {@code not_found}, {@code invalid},
 *                      {@code conflict}, {@code failed}, {@code error}
 * @param problem       the refusal's problem code (e.g. {@code name_exists}), or null
 * @param userId        who ({@code usr_…}); null for the server itself
 * @param username      their username
 * @param tokenId       through which token ({@code tok_…})
 * @param requestId     the request ({@code X-Request-Id}), also in the access log
 * @param clientAddress the client's IP address as the server saw it
 * @param projectId     the project's workspace id ({@code ws_…}), or null
 * @param project       the project, {@code owner/slug}
 * @param targetId      the id of what was changed
 * @param target        its path or name
 * @param detail        what changed (old and new names, keys, permissions, …), or null
 */
public record AuditRecord(String id, Instant at, String action, String outcome, String problem,
                          @JsonProperty("user_id") String userId, String username,
                          @JsonProperty("token_id") String tokenId, @JsonProperty("request_id") String requestId,
                          @JsonProperty("client_address") String clientAddress,
                          @JsonProperty("project_id") String projectId, String project,
                          @JsonProperty("target_id") String targetId, String target, Map<String, Object> detail) {
}
