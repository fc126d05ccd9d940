package org.seqvault.api.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.api.http.Json;
import org.seqvault.api.http.StorageJson;
import org.seqvault.api.http.Times;
import org.seqvault.domain.Member;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectDetails;
import org.seqvault.domain.ProjectStorage;
import org.seqvault.domain.User;

/** Seven Bridges shapes for projects, members and users. */
public final class SbViews {
    private final Hrefs hrefs;

    public SbViews(Hrefs hrefs) {
        this.hrefs = hrefs;
    }

    /**
     * The platform's project keys, then SeqVault's {@code usage} and {@code quota} (clients ignore keys
     * they do not know). No {@code billing_group}: the client would refuse a null one, and there is no billing.
     */
    public Map<String, Object> project(Project p, ProjectStorage storage, ProjectDetails details) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("href", hrefs.of("/projects/" + p.ref().id()));
        m.put("id", p.ref().id());
        m.put("name", p.name());
        m.put("description", p.description());
        m.put("type", "v2");
        m.put("root_folder", p.rootFolderId());
        m.put("created_by", p.createdBy());
        m.put("created_on", Times.format(p.createdAt()));
        m.put("modified_on", Times.format(p.modifiedAt()));
        m.put("tags", details.tags().values());
        m.put("settings", settings(details.settingsJson()));
        m.put("public", p.isPublic());
        m.put("workspace_id", p.id());
        m.put("usage", StorageJson.usage(storage.usage()));
        m.put("quota", StorageJson.quota(storage.quota()));
        return m;
    }

    private static JsonNode settings(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored project settings are not JSON", e);
        }
    }

    public Map<String, Object> member(Project p, Member member) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("href", hrefs.of("/projects/" + p.ref().id() + "/members/" + member.username().value()));
        m.put("id", member.username().value());
        m.put("username", member.username().value());
        m.put("type", "USER");
        m.put("permissions", permissions(member.permissions()));
        return m;
    }

    public Map<String, Object> user(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("href", hrefs.of("/users/" + u.username().value()));
        m.put("username", u.username().value());
        m.put("email", u.email());
        m.put("first_name", u.firstName());
        m.put("last_name", u.lastName());
        // Keys the client's User has and we do not keep: present as null, so reading one never re-fetches.
        for (String unknown : List.of("affiliation", "phone", "address", "state", "country", "zip_code", "city")) {
            m.put(unknown, null);
        }
        return m;
    }

    public static Map<String, Object> permissions(Permissions p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("read", p.read());
        m.put("write", p.write());
        m.put("copy", p.copy());
        m.put("execute", p.execute());
        m.put("admin", p.admin());
        return m;
    }
}
