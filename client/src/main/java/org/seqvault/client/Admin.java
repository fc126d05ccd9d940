package org.seqvault.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.client.internal.Api;
import org.seqvault.client.internal.Call;
import org.seqvault.client.internal.Pages;

/**
 * Administration (needs the {@code admin} scope): users, their tokens, the audit trail and project
 * quotas. Reach it
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
     * The audit trail, newest first, fetched page by page as you iterate. A project's admins, who
     * lack the admin scope, read their project's records with {@link Projects#audit(String, AuditQuery)}.
     *
     * @param query which records
     * @return the matching records
     * @throws NotFoundException when the query names a user or project that does not exist
     */
    public Listing<AuditRecord> audit(AuditQuery query) {
        return audit(api, "/admin/v1/audit", query, query.project());
    }

    /** The records of an audit listing at {@code path}, in pages of 1000. */
    static Listing<AuditRecord> audit(Api api, String path, AuditQuery query, String project) {
        return Pages.cursor(api, cursor -> Call.get(path).query("project", project).query("user", query.user())
                .query("action", query.action()).query("since", query.since()).query("until", query.until())
                .query("limit", 1000).query("cursor", cursor), "records", AuditRecord.class);
    }

    /**
     * A project's quota and usage.
     *
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

    /**
     * Reads the headers of existing files again (admin scope): queues every BAM, CRAM, SAM, VCF, BCF
     * and FASTQ file of a project, or of every project, for the server's worker, which fills the
     * metadata keys their users have not set.
     *
     * @param projectId {@code owner/slug}, or null for every project
     * @return how many files were queued, and the queue's rows by state
     * @throws NotFoundException     when there is no such project
     * @throws BadRequestException   when the server does not read headers ({@code extract_metadata=false})
     */
    public ExtractionRun extractMetadata(String projectId) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("project", projectId);
        return api.as(Call.post("/admin/v1/extract-metadata").body(body), ExtractionRun.class);
    }

    /**
     * A re-run of header extraction.
     *
     * @param project the project it covers, or null for every project
     * @param queued  files queued
     * @param queue   the queue's rows by state: pending, running, done
     */
    public record ExtractionRun(String project, int queued, Map<String, Long> queue) {
    }
}
