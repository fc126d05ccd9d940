package org.seqvault.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.seqvault.client.internal.Api;
import org.seqvault.client.internal.Call;
import org.seqvault.client.internal.Pages;

/** Projects (workspaces): list, get, create, change, delete. Reach it through {@link SeqVault#projects()}. */
public final class Projects {
    /** Long enough to resolve a batch of paths with one lookup, short enough not to matter. */
    private static final Duration CACHE_FOR = Duration.ofSeconds(60);

    private final Api api;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Project project, long until) {
    }

    Projects(Api api) {
        this.api = api;
    }

    /** @return every project the caller can read, fetched page by page as you iterate */
    public Listing<Project> list() {
        return list(null, List.of());
    }

    /**
     * @param name an exact (case-sensitive) project name, or null for any
     * @param tags tags a project must all carry (empty: any)
     * @return the projects the caller can read that match, fetched page by page as you iterate
     */
    public Listing<Project> list(String name, Collection<String> tags) {
        Collection<String> wanted = tags == null ? List.of() : tags;
        return Pages.offsets(api, offset -> Call.get("/v2/projects").query("name", name).query("tags", wanted)
                .query("offset", offset).query("limit", 100), Project.class);
    }

    /**
     * @param owner a username
     * @return that user's projects the caller can read (none for an unknown user), page by page
     */
    public Listing<Project> ownedBy(String owner) {
        return Pages.offsets(api, offset -> Call.get("/v2/projects/" + owner).query("offset", offset)
                .query("limit", 100), Project.class);
    }

    /**
     * @param id {@code owner/slug}
     * @return the project
     * @throws NotFoundException when it does not exist or the caller cannot read it
     */
    public Project get(String id) {
        Project p = api.as(Call.get("/v2/projects/" + id), Project.class);
        cache.put(id, new Cached(p, System.nanoTime() + CACHE_FOR.toNanos()));
        return p;
    }

    /** The project, from a short-lived cache (root folder and workspace id never change). */
    Project cached(String id) {
        Cached c = cache.get(id);
        return c != null && c.until() - System.nanoTime() > 0 ? c.project() : get(id);
    }

    /**
     * Creates a private project owned by the caller (needs the {@code projects} scope).
     *
     * @param name display name; the id's slug is derived from it
     * @return the new project
     */
    public Project create(String name) {
        return create(name, null, false);
    }

    /**
     * Creates a project owned by the caller (needs the {@code projects} scope).
     *
     * @param name        display name; the id's slug is derived from it
     * @param description free text, or null
     * @param isPublic    readable and copyable by every authenticated user
     * @return the new project
     */
    public Project create(String name, String description, boolean isPublic) {
        return create(name, description, isPublic, List.of(), Map.of());
    }

    /**
     * Creates a project owned by the caller with tags and settings (needs the {@code projects} scope).
     *
     * @param name        display name; the id's slug is derived from it
     * @param description free text, or null
     * @param isPublic    readable and copyable by every authenticated user
     * @param tags        its tags (1 to 128 characters each, no commas)
     * @param settings    any JSON object (at most 16 KiB), kept and returned as given
     * @return the new project
     */
    public Project create(String name, String description, boolean isPublic, List<String> tags,
                          Map<String, ?> settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", description);
        body.put("public", isPublic);
        body.put("tags", tags);
        body.put("settings", settings);
        return api.as(Call.post("/v2/projects").body(body), Project.class);
    }

    /**
     * Changes a project; null arguments stay as they are.
     *
     * @param id          the project, {@code owner/slug}
     * @param name        a new display name (the id stays)
     * @param description a new description
     * @param isPublic    whether every authenticated user may read and copy it
     * @return the changed project
     */
    public Project update(String id, String name, String description, Boolean isPublic) {
        return update(id, name, description, isPublic, null, null);
    }

    /**
     * Changes a project; null arguments stay as they are.
     *
     * @param id          the project, {@code owner/slug}
     * @param name        a new display name (the id stays)
     * @param description a new description
     * @param isPublic    whether every authenticated user may read and copy it
     * @param tags        its new tags (replacing the old ones)
     * @param settings    settings to set: these keys change, the others stay
     * @return the changed project
     */
    public Project update(String id, String name, String description, Boolean isPublic, List<String> tags,
                          Map<String, ?> settings) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", description);
        body.put("public", isPublic);
        body.put("tags", tags);
        body.put("settings", settings);
        body.values().removeIf(java.util.Objects::isNull);
        cache.remove(id);
        return api.as(Call.patch("/v2/projects/" + id).body(body).repeatable(), Project.class);
    }

    /**
     * Deletes an empty project.
     *
     * @param id the project, {@code owner/slug}
     * @throws ConflictException when it still holds files or folders
     */
    public void delete(String id) {
        cache.remove(id);
        api.send(Call.delete("/v2/projects/" + id));
    }

    /**
     * The audit trail of one project, newest first, fetched page by page as you iterate: for the
     * project's admins (with the {@code projects} scope) and for admins.
     *
     * @param id    the project, {@code owner/slug}
     * @param query which records (its project, if set, is ignored)
     * @return the matching records
     * @throws NotFoundException  when the project does not exist or the caller cannot read it
     * @throws ForbiddenException when the caller is not an admin of the project
     */
    public Listing<AuditRecord> audit(String id, AuditQuery query) {
        return Admin.audit(api, "/v2/projects/" + id + "/audit", query, null);
    }

    /**
     * @param workspaceId a {@code /v1} workspace id ({@code ws_…})
     * @return the project behind it
     * @throws NotFoundException when the caller has no such workspace
     */
    public Project byWorkspace(String workspaceId) {
        Listing<JsonNode> workspaces = Pages.cursor(api,
                cursor -> Call.get("/v1/workspaces").query("limit", 1000).query("cursor", cursor), "workspaces",
                JsonNode.class);
        for (JsonNode ws : workspaces) {
            if (workspaceId.equals(ws.path("workspace_id").asText())) {
                return cached(ws.path("project").asText());
            }
        }
        throw new NotFoundException(404, "not_found", "workspace '" + workspaceId + "' not found", null);
    }
}
