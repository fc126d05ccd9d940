package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** Set-up steps shared by the API tests: users, tokens, workspaces, small uploads. */
final class ApiScenario {
    final TestHttp http;
    final String admin = ServerFixture.ADMIN_TOKEN;

    ApiScenario(TestHttp http) {
        this.http = http;
    }

    /** Creates a user and returns a token with the given scopes. */
    String user(String username, String... scopes) {
        var created = http.postJson("/admin/v1/users", admin, Map.of("username", username));
        assertThat(created.status()).as(created.json().toString()).isEqualTo(201);
        return token(username, scopes);
    }

    String token(String username, String... scopes) {
        var t = http.postJson("/admin/v1/tokens", admin, Map.of("username", username, "scopes", List.of(scopes)));
        assertThat(t.status()).as(t.json().toString()).isEqualTo(201);
        return t.json().get("token").asText();
    }

    /** Creates a workspace as the token's user and returns its JSON. */
    JsonNode workspace(String token, String name) {
        var ws = http.postJson("/v1/workspaces", token, Map.of("name", name));
        assertThat(ws.status()).as(ws.json().toString()).isEqualTo(201);
        return ws.json();
    }

    TestHttp.Response upload(String token, String workspaceId, String path, String name, byte[] content, String... extra) {
        var fields = new java.util.ArrayList<String[]>();
        fields.add(new String[] {"workspace_id", workspaceId});
        if (path != null) {
            fields.add(new String[] {"path", path});
        }
        for (int i = 0; i < extra.length; i += 2) {
            fields.add(new String[] {extra[i], extra[i + 1]});
        }
        return http.postForm("/v1/files/upload", token, fields, name, content);
    }

    /** Creates a project through /v2/projects as the token's user and returns its Seven Bridges JSON. */
    JsonNode project(String token, String name, boolean isPublic) {
        var p = http.postJson("/v2/projects", token, Map.of("name", name, "public", isPublic));
        assertThat(p.status()).as(p.json().toString()).isEqualTo(201);
        return p.json();
    }

    void addMember(String ownerToken, String project, String username, Map<String, Boolean> permissions) {
        var r = http.postJson("/v2/projects/" + project + "/members", ownerToken,
                Map.of("username", username, "permissions", permissions));
        assertThat(r.status()).as(r.json().toString()).isEqualTo(201);
    }
}
