package org.seqvault.client;

import java.time.Instant;

/**
 * Which audit records to list: all of them, or those of one user, action or time span (and, on
 * {@link Admin#audit(AuditQuery)}, of one project). Criteria combine; the listing is newest
 * first. Immutable.
 */
public final class AuditQuery {
    private final String project;
    private final String user;
    private final String action;
    private final Instant since;
    private final Instant until;

    private AuditQuery(String project, String user, String action, Instant since, Instant until) {
        this.project = project;
        this.user = user;
        this.action = action;
        this.since = since;
        this.until = until;
    }

    /** @return a query matching every record */
    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null);
    }

    /**
     * @return this query restricted to one project
     *
     * @param project {@code owner/slug} of an existing project, or its workspace id ({@code ws_…}, also of a
     *                deleted one)
     */
    public AuditQuery project(String project) {
        return new AuditQuery(project, user, action, since, until);
    }

    /**
     * @return this query restricted to what one user did
     *
     * @param username the user
     */
    public AuditQuery user(String username) {
        return new AuditQuery(project, username, action, since, until);
    }

    /**
     * @return this query restricted to one action, or to a group of them
     *
     * @param action e.g. {@code file.delete}, or {@code file.*} for every file action
     */
    public AuditQuery action(String action) {
        return new AuditQuery(project, user, action, since, until);
    }

    /**
     * @return this query restricted to records from {@code since} on (inclusive)
     *
     * @param since the earliest time
     */
    public AuditQuery since(Instant since) {
        return new AuditQuery(project, user, action, since, until);
    }

    /**
     * @return this query restricted to records before {@code until} (exclusive)
     *
     * @param until the time the records must be older than
     */
    public AuditQuery until(Instant until) {
        return new AuditQuery(project, user, action, since, until);
    }

    String project() {
        return project;
    }

    String user() {
        return user;
    }

    String action() {
        return action;
    }

    Instant since() {
        return since;
    }

    Instant until() {
        return until;
    }
}
