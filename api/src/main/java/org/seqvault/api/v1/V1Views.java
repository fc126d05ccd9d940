package org.seqvault.api.v1;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqvault.api.http.StorageJson;
import org.seqvault.api.http.Times;
import org.seqvault.domain.Node;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectStorage;
import org.seqvault.domain.Token;
import org.seqvault.domain.User;
import org.seqvault.service.auth.IssuedToken;

/** The workspace API's JSON shapes. Keys are always present (null when empty) so answers are stable. */
public final class V1Views {
    private V1Views() {
    }

    public static Map<String, Object> file(Node f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("key", f.key());
        m.put("name", f.name());
        m.put("path", f.key().substring(0, f.key().length() - f.name().length()));
        m.put("size", f.size());
        m.put("workspace_id", f.projectId());
        m.put("description", f.description());
        m.put("content_type", f.contentType());
        m.put("md5", f.checksums().md5());
        m.put("sha256", f.checksums().sha256());
        m.put("etag", "\"" + f.checksums().md5() + "\"");
        m.put("file_id", f.id());
        m.put("created_at", Times.format(f.createdAt()));
        m.put("modified_at", Times.format(f.modifiedAt()));
        return m;
    }

    public static Map<String, Object> workspace(Project p, ProjectStorage storage) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workspace_id", p.id());
        m.put("name", p.name());
        m.put("project", p.ref().id());
        m.put("description", p.description());
        m.put("public", p.isPublic());
        m.put("created_at", Times.format(p.createdAt()));
        m.put("usage", StorageJson.usage(storage.usage()));
        m.put("quota", StorageJson.quota(storage.quota()));
        return m;
    }

    public static Map<String, Object> issued(IssuedToken t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.token().id());
        m.put("token", t.secret());
        m.put("username", t.user().username().value());
        m.put("scopes", t.token().scopes().wireNames());
        m.put("expires_at", Times.format(t.token().expiresAt()));
        m.put("description", t.token().description());
        return m;
    }

    /** A token as listed: never the secret. */
    public static Map<String, Object> token(Token t, User owner) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("username", owner.username().value());
        m.put("scopes", t.scopes().wireNames());
        m.put("description", t.description());
        m.put("created_at", Times.format(t.createdAt()));
        m.put("expires_at", Times.format(t.expiresAt()));
        m.put("revoked_at", Times.format(t.revokedAt()));
        return m;
    }

    public static Map<String, Object> user(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", u.id());
        m.put("username", u.username().value());
        m.put("email", u.email());
        m.put("first_name", u.firstName());
        m.put("last_name", u.lastName());
        m.put("created_at", Times.format(u.createdAt()));
        return m;
    }
}
