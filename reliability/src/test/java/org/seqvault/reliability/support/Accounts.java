package org.seqvault.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Users, tokens, workspaces and memberships, made through the admin API as an operator would. */
public final class Accounts {
    private final Http http;
    private final String adminToken;

    public Accounts(Http http, String adminToken) {
        this.http = http;
        this.adminToken = adminToken;
    }

    public void user(String username) throws IOException {
        expect(http.call("POST", "/admin/v1/users", adminToken, Map.of("username", username)), 201);
    }

    /** A token for the user; {@code expiresIn} in seconds, or null for none. */
    public JsonNode token(String username, Long expiresIn, String... scopes) throws IOException {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("scopes", List.of(scopes));
        if (expiresIn != null) {
            body.put("expires_in", expiresIn);
        }
        return expect(http.call("POST", "/admin/v1/tokens", adminToken, body), 201);
    }

    /** Creates a user with a token carrying the scopes; returns the token's secret. */
    public String userWithToken(String username, String... scopes) throws IOException {
        user(username);
        return token(username, null, scopes).get("token").asText();
    }

    /** A workspace (v1) owned by the token's user; returns its JSON (workspace_id, project). */
    public JsonNode workspace(String token, String name) throws IOException {
        return expect(http.call("POST", "/v1/workspaces", token, Map.of("name", name)), 201);
    }

    public void member(String ownerToken, String project, String username, Map<String, Boolean> permissions)
            throws IOException {
        expect(http.call("POST", "/v2/projects/" + project + "/members", ownerToken,
                Map.of("username", username, "permissions", permissions)), 201);
    }

    public static JsonNode expect(Http.Answer answer, int status) {
        if (answer.status() != status) {
            throw new AssertionError("expected " + status + " but got " + answer.status() + ": " + answer.text());
        }
        return answer.json();
    }
}
