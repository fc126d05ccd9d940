package org.seqvault.service.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.seqvault.domain.AuditAction;
import org.seqvault.domain.AuditRecord;
import org.seqvault.domain.Permissions.Permission;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.Scope;
import org.seqvault.domain.UserException;
import org.seqvault.domain.Username;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.port.AuditRepository.Cursor;
import org.seqvault.service.port.AuditRepository.Query;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.MetadataStore.Tx;
import org.seqvault.service.project.Access;
import org.seqvault.service.support.Cursors;

/**
 * Reading the audit trail, newest first, a keyset page at a time: every record for a caller with
 * the admin scope, one project's records for that project's admins (with the projects scope).
 */
public final class AuditLog {
    public static final int MAX_LIMIT = 1000;

    private final MetadataStore store;

    public AuditLog(MetadataStore store) {
        this.store = store;
    }

    /**
     * What a listing asks for, as the request gave it; null means any.
     *
     * @param project a workspace id ("ws_…", also of a deleted project) or owner/slug (of an existing one)
     * @param user    a username
     * @param action  an action's name ({@code file.delete}) or a group's ({@code file} or {@code file.*})
     * @param since   inclusive
     * @param until   exclusive
     */
    public record Filter(String project, String user, String action, Instant since, Instant until) {
        public static final Filter ANY = new Filter(null, null, null, null, null);
    }

    /** One page; {@code nextCursor} is null on the last. */
    public record Page(List<AuditRecord> records, String nextCursor) {
    }

    /** Every record matching {@code filter}: needs the admin scope. */
    public Page all(Principal caller, Filter filter, String cursor, int limit) {
        caller.requireScope(Scope.ADMIN);
        Cursor after = decode(cursor);
        return store.read(tx -> page(tx, query(tx, filter, projectId(tx, filter.project())), after, limit));
    }

    /**
     * The records of one project: needs the projects scope and the admin permission in it (a
     * project the caller cannot read is not found). {@code filter.project} must be empty.
     */
    public Page ofProject(Principal caller, ProjectRef ref, Filter filter, String cursor, int limit) {
        caller.requireScope(Scope.PROJECTS);
        Cursor after = decode(cursor);
        return store.read(tx -> {
            Project project = tx.projects().byRef(ref).orElseThrow(() -> Access.notFound(ref.id()));
            Access.require(tx, caller, project, Permission.ADMIN);
            return page(tx, query(tx, filter, project.id()), after, limit);
        });
    }

    private static Page page(Tx tx, Query query, Cursor after, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw UserException.invalid("'limit' must be between 1 and " + MAX_LIMIT);
        }
        List<AuditRecord> rows = tx.audit().query(query, after, limit + 1);
        if (rows.size() <= limit) {
            return new Page(rows, null);
        }
        List<AuditRecord> page = rows.subList(0, limit);
        AuditRecord last = page.getLast();
        return new Page(List.copyOf(page), encode(new Cursor(last.at(), last.id())));
    }

    private static Query query(Tx tx, Filter filter, String projectId) {
        if (filter.since() != null && filter.until() != null && !filter.since().isBefore(filter.until())) {
            throw UserException.invalid("'since' must be before 'until'");
        }
        String userId = null;
        if (filter.user() != null && !filter.user().isEmpty()) {
            Username username = new Username(filter.user());
            userId = tx.users().byUsername(username)
                    .orElseThrow(() -> new UserException(Problem.USER_NOT_FOUND, "no user '" + username + "'"))
                    .id();
        }
        String action = filter.action() == null || filter.action().isEmpty() ? null : filter.action();
        boolean group = false;
        if (action != null) {
            String name = action.endsWith(".*") ? action.substring(0, action.length() - 2) : action;
            group = AuditAction.byWireName(name).isEmpty();
            if (group && Arrays.stream(AuditAction.values()).noneMatch(a -> a.group().equals(name))) {
                throw UserException.invalid("unknown action '" + action + "'; use one of " + AuditAction.allWireNames()
                        + ", or a group such as file.*");
            }
            action = name;
        }
        return new Query(projectId, userId, action, group, filter.since(), filter.until());
    }

    /** A workspace id is taken as it is (its project may be gone); owner/slug must name an existing project. */
    private static String projectId(Tx tx, String project) {
        if (project == null || project.isEmpty()) {
            return null;
        }
        if (project.startsWith("ws_")) {
            return project;
        }
        ProjectRef ref = ProjectRef.parse(project);
        return tx.projects().byRef(ref).orElseThrow(() -> Access.notFound(ref.id())).id();
    }

    /** A cursor is the last record's time (epoch microseconds) and id. */
    static String encode(Cursor cursor) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, cursor.at());
        return Cursors.encode(micros + ":" + cursor.id());
    }

    static Cursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        String text = Cursors.decode(cursor);
        int colon = text.indexOf(':');
        try {
            long micros = Long.parseLong(text.substring(0, Math.max(colon, 0)));
            String id = text.substring(colon + 1);
            if (id.isEmpty()) {
                throw Cursors.invalid();
            }
            return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), id);
        } catch (NumberFormatException | ArithmeticException | DateTimeException e) {
            throw Cursors.invalid();
        }
    }
}
