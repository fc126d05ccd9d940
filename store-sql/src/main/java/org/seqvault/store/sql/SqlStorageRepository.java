package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.seqvault.domain.ProjectStorage;
import org.seqvault.domain.Quota;
import org.seqvault.domain.Usage;
import org.seqvault.service.port.StorageRepository;

/**
 * project_storage (V8): used_bytes and used_files are kept by triggers on nodes, so reading a
 * project's usage is one row and its unfinished uploads (a partial index), never a sum over its
 * files.
 */
final class SqlStorageRepository implements StorageRepository {
    /** The stored counts, the quota, and the reservations of unfinished uploads, in one statement (one snapshot). */
    private static final String SELECT = """
            SELECT s.project_id, s.used_bytes, s.used_files, s.quota_bytes, s.quota_files,
                   (SELECT COALESCE(SUM(u.size), 0) FROM uploads u
                    WHERE u.project_id = s.project_id AND u.state IN ('OPEN', 'COMPLETING')) AS reserved_bytes,
                   (SELECT COUNT(*) FROM uploads u
                    WHERE u.project_id = s.project_id AND u.state IN ('OPEN', 'COMPLETING')) AS reserved_files
            FROM project_storage s WHERE s.project_id IN """;

    private final Handle handle;
    private final Dialect dialect;

    SqlStorageRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    @Override
    public Totals totals() {
        return handle.createQuery("SELECT COALESCE(SUM(used_files), 0) AS files, COALESCE(SUM(used_bytes), 0) AS bytes"
                        + " FROM project_storage")
                .map((rs, ctx) -> new Totals(rs.getLong("files"), rs.getLong("bytes"))).one();
    }

    @Override
    public ProjectStorage of(String projectId) {
        return of(List.of(projectId)).get(projectId);
    }

    @Override
    public Map<String, ProjectStorage> of(Collection<String> projectIds) {
        Map<String, ProjectStorage> found = new HashMap<>();
        List<String> ids = List.copyOf(projectIds);
        for (int from = 0; from < ids.size(); from += NodeDetails.CHUNK) {
            SqlFragment sql = new SqlFragment().sql(SELECT)
                    .argList(ids.subList(from, Math.min(ids.size(), from + NodeDetails.CHUNK)));
            handle.createQuery(sql.text()).bindMap(sql.args())
                    .map((rs, ctx) -> Map.entry(Columns.text(rs, "project_id"), storage(rs)))
                    .forEach(e -> found.put(e.getKey(), e.getValue()));
        }
        // Every project has its row from the moment it exists (a trigger inserts it); a project
        // deleted meanwhile has nothing stored and no quota.
        for (String id : ids) {
            found.putIfAbsent(id, ProjectStorage.EMPTY);
        }
        return found;
    }

    /** A row lock on PostgreSQL; SQLite's single writer already runs write transactions one at a time. */
    @Override
    public void lock(String projectId) {
        if (dialect.locksRows()) {
            handle.createQuery("SELECT project_id FROM project_storage WHERE project_id = :id FOR UPDATE")
                    .bind("id", projectId)
                    .mapTo(String.class)
                    .findOne();
        }
    }

    @Override
    public void setQuota(String projectId, Quota quota) {
        int updated = handle.createUpdate(
                        "UPDATE project_storage SET quota_bytes = :bytes, quota_files = :files WHERE project_id = :id")
                .bind("bytes", quota.bytes())
                .bind("files", quota.files())
                .bind("id", projectId)
                .execute();
        if (updated != 1) {
            throw new IllegalStateException("project " + projectId + " has no project_storage row");
        }
    }

    private static ProjectStorage storage(ResultSet rs) throws SQLException {
        Usage usage = new Usage(rs.getLong("used_bytes"), rs.getLong("used_files"), rs.getLong("reserved_bytes"),
                rs.getLong("reserved_files"));
        return new ProjectStorage(new Quota(nullableLong(rs, "quota_bytes"), nullableLong(rs, "quota_files")), usage);
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }
}
