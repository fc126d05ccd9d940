package org.seqvault.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.client.internal.Api;
import org.seqvault.client.internal.Call;

/**
 * Administration (needs the {@code admin} scope): users, their tokens, and project quotas. Reach it
 * through {@link SeqVault#admin()}.
 */
public final class Admin {
    private final Api api;

    Admin(Api api) {
        this.api = api;
    }

    /** @return every user */
    public List<User> users() {
        return api.as(Call.get("/admin/v1/users"), Users.class).users();
    }

    private record Users(List<User> users) {
    }

    /**
     * Creates a user.
     *
     * @param username  {@code [a-z0-9][a-z0-9_-]{1,38}}
     * @param email     or null
     * @param firstName or null
     * @param lastName  or null
     * @return the new user
     * @throws ConflictException when the name is taken
     */
    public User createUser(String username, String email, String firstName, String lastName) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", username);
        body.put("email", email);
        body.put("first_name", firstName);
        body.put("last_name", lastName);
        return api.as(Call.post("/admin/v1/users").body(body), User.class);
    }

    /**
     * Issues a token for any user.
     *
     * @param username    the owner
     * @param scopes      {@code files}, {@code projects}, {@code tokens}, {@code admin}
     * @param expiresIn   lifetime, or null for none
     * @param description free text, or null
     * @return the token with its secret, shown only now
     */
    public IssuedToken createToken(String username, List<String> scopes, Duration expiresIn, String description) {
        return api.as(Call.post("/admin/v1/tokens").body(Tokens.request(username, scopes, expiresIn, description)),
                IssuedToken.class);
    }

    /**
     * @param projectId {@code owner/slug}
     * @return the project's quota and usage
     * @throws NotFoundException when there is no such project
     */
    public ProjectStorage quota(String projectId) {
        return api.as(Call.get(quotaPath(projectId)), ProjectStorage.class);
    }

    /**
     * Sets both limits of a project's quota. A quota below what the project holds is allowed:
     * nothing more can be added until enough is deleted.
     *
     * @param projectId {@code owner/slug}
     * @param bytes     the byte limit, or null for none
     * @param files     the file limit, or null for none
     * @return the project's quota and usage
     */
    public ProjectStorage setQuota(String projectId, Long bytes, Long files) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bytes", bytes);
        body.put("files", files);
        return putQuota(projectId, body);
    }

    /**
     * Sets a project's byte limit and keeps its file limit.
     *
     * @param projectId {@code owner/slug}
     * @param bytes     the byte limit, or null for none
     * @return the project's quota and usage
     */
    public ProjectStorage setBytesQuota(String projectId, Long bytes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("bytes", bytes);
        return putQuota(projectId, body);
    }

    /**
     * Sets a project's file limit and keeps its byte limit.
     *
     * @param projectId {@code owner/slug}
     * @param files     the file limit, or null for none
     * @return the project's quota and usage
     */
    public ProjectStorage setFilesQuota(String projectId, Long files) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("files", files);
        return putQuota(projectId, body);
    }

    private ProjectStorage putQuota(String projectId, Map<String, Object> body) {
        return api.as(Call.put(quotaPath(projectId)).body(body), ProjectStorage.class);
    }

    private static String quotaPath(String projectId) {
        return "/admin/v1/projects/" + projectId + "/quota";
    }
}
