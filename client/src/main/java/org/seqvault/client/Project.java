package org.seqvault.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A project (a workspace in {@code /v1}).
 *
 * @param id          {@code owner/slug}, the first part of every remote path
 * @param name        the display name
 * @param description free text, or null
 * @param rootFolder  id of the project's top folder
 * @param createdBy   the creator's username
 * @param createdOn   when it was created
 * @param modifiedOn  when it last changed
 * @param isPublic    readable (and copyable) by every authenticated user
 * @param workspaceId the same project's id in {@code /v1} ({@code ws_…})
 * @param usage       what it holds (null from a server without quotas)
 * @param quota       its limits (null from a server without quotas)
 * @param tags        its tags, in order (empty from a server without project tags)
 * @param settings    its settings, a JSON object kept as given (empty from a server without them)
 */
public record Project(String id, String name, String description, @JsonProperty("root_folder") String rootFolder,
                      @JsonProperty("created_by") String createdBy, @JsonProperty("created_on") Instant createdOn,
                      @JsonProperty("modified_on") Instant modifiedOn, @JsonProperty("public") boolean isPublic,
                      @JsonProperty("workspace_id") String workspaceId, Usage usage, Quota quota, List<String> tags,
                      Map<String, Object> settings) {

    public Project {
        tags = tags == null ? List.of() : List.copyOf(tags);
        settings = settings == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }
}
