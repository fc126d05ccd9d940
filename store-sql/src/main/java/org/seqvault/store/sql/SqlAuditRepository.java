package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.seqvault.domain.AuditRecord;
import org.seqvault.service.port.AuditRepository;

final class SqlAuditRepository implements AuditRepository {
    private static final String COLUMNS = "id, at, action, outcome, problem, user_id, username, token_id, request_id,"
            + " client_address, project_id, project, target_id, target, detail";
    private final Handle handle;

    SqlAuditRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void insert(AuditRecord r) {
        handle.createUpdate("INSERT INTO audit_records (" + COLUMNS + ") VALUES (:id, :at, :action, :outcome, :problem,"
                        + " :userId, :username, :tokenId, :requestId, :clientAddress, :projectId, :project, :targetId,"
                        + " :target, :detail)")
                .bind("id", r.id())
                .bind("at", Micros.of(r.at()))
                .bind("action", r.action())
                .bind("outcome", r.outcome())
                .bind("problem", r.problem())
                .bind("userId", r.userId())
                .bind("username", r.username())
                .bind("tokenId", r.tokenId())
                .bind("requestId", r.requestId())
                .bind("clientAddress", r.clientAddress())
                .bind("projectId", r.projectId())
                .bind("project", r.project())
                .bind("targetId", r.targetId())
                .bind("target", r.target())
                .bind("detail", r.detail())
                .execute();
    }

    /**
     * Newest first by (at, id). The keyset condition is written out rather than as a row value, and
     * the project or user filter leads, so one of the three (x, at, id) indexes serves each listing.
     */
    @Override
    public List<AuditRecord> query(Query q, Cursor after, int limit) {
        List<String> where = new ArrayList<>();
        if (q.projectId() != null) {
            where.add("project_id = :projectId");
        }
        if (q.userId() != null) {
            where.add("user_id = :userId");
        }
        if (q.action() != null) {
            // A group's actions all start with "<group>."; no action name holds a LIKE wildcard.
            where.add(q.actionGroup() ? "action LIKE :action" : "action = :action");
        }
        if (q.since() != null) {
            where.add("at >= :since");
        }
        if (q.until() != null) {
            where.add("at < :until");
        }
        if (after != null) {
            where.add("(at < :afterAt OR (at = :afterAt AND id < :afterId))");
        }
        String sql = "SELECT " + COLUMNS + " FROM audit_records"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY at DESC, id DESC LIMIT :limit";
        org.jdbi.v3.core.statement.Query query = handle.createQuery(sql).bind("limit", limit);
        if (q.projectId() != null) {
            query.bind("projectId", q.projectId());
        }
        if (q.userId() != null) {
            query.bind("userId", q.userId());
        }
        if (q.action() != null) {
            query.bind("action", q.actionGroup() ? q.action() + ".%" : q.action());
        }
        if (q.since() != null) {
            query.bind("since", Micros.of(q.since()));
        }
        if (q.until() != null) {
            query.bind("until", Micros.of(q.until()));
        }
        if (after != null) {
            query.bind("afterAt", Micros.of(after.at())).bind("afterId", after.id());
        }
        return query.map((rs, ctx) -> map(rs)).list();
    }

    @Override
    public int deleteBefore(Instant cutoff, int limit) {
        return handle.createUpdate("DELETE FROM audit_records WHERE id IN (SELECT id FROM audit_records"
                        + " WHERE at < :cutoff ORDER BY at, id LIMIT :limit)")
                .bind("cutoff", Micros.of(cutoff))
                .bind("limit", limit)
                .execute();
    }

    private static AuditRecord map(ResultSet rs) throws SQLException {
        return new AuditRecord(Columns.text(rs, "id"), Columns.instant(rs, "at"), Columns.text(rs, "action"),
                Columns.text(rs, "outcome"), Columns.text(rs, "problem"), Columns.text(rs, "user_id"),
                Columns.text(rs, "username"), Columns.text(rs, "token_id"), Columns.text(rs, "request_id"),
                Columns.text(rs, "client_address"), Columns.text(rs, "project_id"), Columns.text(rs, "project"),
                Columns.text(rs, "target_id"), Columns.text(rs, "target"), Columns.text(rs, "detail"));
    }
}
