package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeType;
import org.seqvault.domain.TrashItem;
import org.seqvault.service.port.TrashRepository;

/**
 * The trash as tables of its own (migration V7): moving into it and out of it copies the rows
 * between {@code nodes} (with its metadata and tags) and {@code trashed_nodes} with set-based
 * statements, so a folder of any size costs a fixed number of statements.
 */
final class SqlTrashRepository implements TrashRepository {
    /** The columns nodes and trashed_nodes share, in the same order. */
    private static final String NODE_COLUMNS = "id, project_id, parent_id, name, is_folder, node_key, blob_id, size,"
            + " md5, sha256, content_type, description, origin_task, created_at, modified_at";
    private static final String ITEM_COLUMNS = "id, project_id, parent_id, name, is_folder, node_key, files, size,"
            + " deleted_by, trashed_at, expires_at";
    private static final String SELECT_ITEMS = "SELECT " + ITEM_COLUMNS + " FROM trash_items";
    private static final String NEWEST_FIRST = " ORDER BY trashed_at DESC, id DESC";
    private static final String RESTORE_SAVEPOINT = "trash_restore";
    private static final RowMapper<TrashItem> ITEMS = SqlTrashRepository::item;

    private final Handle handle;
    private final Dialect dialect;

    SqlTrashRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    /**
     * The first statement counts the subtree's files and, on PostgreSQL, locks its rows: a file
     * created in one of its folders, or moved into or out of it, meanwhile then waits for this
     * transaction (and fails on the folder that is gone) instead of being deleted without being
     * trashed, or trashed while still in place. SQLite's single writer needs no lock.
     */
    @Override
    public TrashItem put(Node root, String deletedBy, Instant trashedAt, Instant expiresAt) {
        SqlFragment totals = Subtree.where(new SqlFragment().sql("""
                SELECT COALESCE(SUM(1 - is_folder), 0) AS files, COALESCE(SUM(size), 0) AS size
                FROM (SELECT is_folder, size FROM nodes WHERE\s"""), "", root)
                .sql(dialect.locksRows() ? " FOR UPDATE) subtree" : ") subtree");
        long[] counted = handle.createQuery(totals.text()).bindMap(totals.args())
                .map((rs, ctx) -> new long[] {rs.getLong("files"), rs.getLong("size")}).one();
        TrashItem item = new TrashItem(root.id(), root.projectId(), root.parentId(), root.name(), root.type(), root.key(),
                counted[0], counted[1], deletedBy, trashedAt, expiresAt);
        insertItem(item);
        execute(Subtree.where(new SqlFragment().sql("INSERT INTO trashed_nodes (item_id, " + NODE_COLUMNS + ") SELECT ")
                .arg(item.id()).sql(", " + NODE_COLUMNS + " FROM nodes WHERE "), "", root));
        execute(Subtree.where(new SqlFragment().sql("""
                INSERT INTO trashed_node_metadata (node_id, meta_key, meta_value)
                SELECT m.node_id, m.meta_key, m.meta_value FROM node_metadata m JOIN nodes n ON n.id = m.node_id
                WHERE\s"""), "n.", root));
        execute(Subtree.where(new SqlFragment().sql("""
                INSERT INTO trashed_node_tags (node_id, tag, position)
                SELECT t.node_id, t.tag, t.position FROM node_tags t JOIN nodes n ON n.id = t.node_id
                WHERE\s"""), "n.", root));
        // Metadata and tags go with their nodes (ON DELETE CASCADE).
        execute(Subtree.where(new SqlFragment().sql("DELETE FROM nodes WHERE "), "", root));
        return item;
    }

    private void insertItem(TrashItem item) {
        handle.createUpdate("INSERT INTO trash_items (" + ITEM_COLUMNS + ") VALUES (:id, :projectId, :parentId, :name,"
                        + " :isFolder, :key, :files, :size, :deletedBy, :trashedAt, :expiresAt)")
                .bind("id", item.id())
                .bind("projectId", item.projectId())
                .bind("parentId", item.parentId())
                .bind("name", item.name())
                .bind("isFolder", Columns.flag(item.isFolder()))
                .bind("key", item.key())
                .bind("files", item.files())
                .bind("size", item.size())
                .bind("deletedBy", item.deletedBy())
                .bind("trashedAt", Micros.of(item.trashedAt()))
                .bind("expiresAt", Micros.of(item.expiresAt()))
                .execute();
    }

    @Override
    public Optional<TrashItem> item(String projectId, String itemId, Instant now) {
        return handle.createQuery(SELECT_ITEMS + " WHERE id = :id AND project_id = :projectId AND expires_at > :now")
                .bind("id", itemId)
                .bind("projectId", projectId)
                .bind("now", Micros.of(now))
                .map(ITEMS)
                .findOne();
    }

    @Override
    public List<TrashItem> list(String projectId, String path, Instant now, long offset, int limit) {
        SqlFragment sql = unexpired(new SqlFragment().sql(SELECT_ITEMS + " WHERE "), projectId, path, now)
                .sql(NEWEST_FIRST + " LIMIT ").arg(limit).sql(" OFFSET ").arg(offset);
        return handle.createQuery(sql.text()).bindMap(sql.args()).map(ITEMS).list();
    }

    @Override
    public long count(String projectId, String path, Instant now) {
        SqlFragment sql = unexpired(new SqlFragment().sql("SELECT COUNT(*) FROM trash_items WHERE "), projectId, path, now);
        return handle.createQuery(sql.text()).bindMap(sql.args()).mapTo(Long.class).one();
    }

    /** A path names a file ("raw/x.vcf") or a folder, whose key ends with '/' ("raw/sub/"). */
    private static SqlFragment unexpired(SqlFragment sql, String projectId, String path, Instant now) {
        sql.sql("project_id = ").arg(projectId).sql(" AND expires_at > ").arg(Micros.of(now));
        if (path != null) {
            sql.sql(" AND node_key IN ").argList(List.of(path, path + "/"));
        }
        return sql;
    }

    /**
     * Claims the item first (deleting its row, which on PostgreSQL also makes a concurrent empty wait
     * for this transaction), then copies its nodes back. The new root name can still be taken by a
     * concurrent transaction on PostgreSQL; the savepoint then takes everything back.
     */
    @Override
    public boolean restore(TrashItem item, String parentId, String name, String key, Instant now) {
        handle.savepoint(RESTORE_SAVEPOINT);
        try {
            int claimed = handle.createUpdate(
                            "DELETE FROM trash_items WHERE id = :id AND project_id = :projectId AND expires_at > :now")
                    .bind("id", item.id())
                    .bind("projectId", item.projectId())
                    .bind("now", Micros.of(now))
                    .execute();
            if (claimed == 0) {
                handle.releaseSavepoint(RESTORE_SAVEPOINT);
                return false;
            }
            copyBack(item, parentId, name, key);
        } catch (UnableToExecuteStatementException e) {
            if (!dialect.isUniqueViolation(e)) {
                throw e;
            }
            handle.rollbackToSavepoint(RESTORE_SAVEPOINT);
            return false;
        }
        handle.releaseSavepoint(RESTORE_SAVEPOINT);
        return true;
    }

    /**
     * The root gets its new parent and name; every key below it trades the old root key for the new
     * one (substr counts characters, i.e. code points, on both databases).
     */
    private void copyBack(TrashItem item, String parentId, String name, String key) {
        int oldKeyLength = item.key().codePointCount(0, item.key().length());
        handle.createUpdate("INSERT INTO nodes (" + NODE_COLUMNS + ")"
                        + " SELECT id, project_id,"
                        + " CASE WHEN id = :root THEN :parentId ELSE parent_id END,"
                        + " CASE WHEN id = :root THEN :name ELSE name END,"
                        + " is_folder, :key || substr(node_key, :keyFrom),"
                        + " blob_id, size, md5, sha256, content_type, description, origin_task, created_at, modified_at"
                        + " FROM trashed_nodes WHERE item_id = :root")
                .bind("root", item.id())
                .bind("parentId", parentId)
                .bind("name", name)
                .bind("key", key)
                .bind("keyFrom", oldKeyLength + 1)
                .execute();
        handle.createUpdate("""
                        INSERT INTO node_metadata (node_id, meta_key, meta_value, parent_id)
                        SELECT m.node_id, m.meta_key, m.meta_value, CASE WHEN t.id = :root THEN :parentId ELSE t.parent_id END
                        FROM trashed_node_metadata m JOIN trashed_nodes t ON t.id = m.node_id WHERE t.item_id = :root""")
                .bind("root", item.id())
                .bind("parentId", parentId)
                .execute();
        handle.createUpdate("""
                        INSERT INTO node_tags (node_id, tag, position, parent_id)
                        SELECT g.node_id, g.tag, g.position, CASE WHEN t.id = :root THEN :parentId ELSE t.parent_id END
                        FROM trashed_node_tags g JOIN trashed_nodes t ON t.id = g.node_id WHERE t.item_id = :root""")
                .bind("root", item.id())
                .bind("parentId", parentId)
                .execute();
        handle.createUpdate("DELETE FROM trashed_nodes WHERE item_id = :root").bind("root", item.id()).execute();
    }

    /** RETURNING counts exactly the rows the update changed, whatever runs beside it. */
    @Override
    public Expired expireAll(String projectId, Instant now) {
        List<long[]> rows = handle.createQuery("""
                        UPDATE trash_items SET expires_at = :now WHERE project_id = :projectId AND expires_at > :now
                        RETURNING files, size""")
                .bind("projectId", projectId)
                .bind("now", Micros.of(now))
                .map((rs, ctx) -> new long[] {rs.getLong("files"), rs.getLong("size")})
                .list();
        return new Expired(rows.size(), rows.stream().mapToLong(r -> r[0]).sum(), rows.stream().mapToLong(r -> r[1]).sum());
    }

    @Override
    public List<String> expired(Instant now, int limit) {
        return handle.createQuery("SELECT id FROM trash_items WHERE expires_at <= :now ORDER BY expires_at, id LIMIT :limit")
                .bind("now", Micros.of(now))
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
    }

    /** The batch's ids are read first, so the blobs noted are exactly those of the rows deleted. */
    @Override
    public int purge(String itemId, int limit) {
        List<String> batch = handle.createQuery(
                        "SELECT id FROM trashed_nodes WHERE item_id = :item ORDER BY id LIMIT :limit")
                .bind("item", itemId)
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
        if (!batch.isEmpty()) {
            execute(new SqlFragment().sql("INSERT INTO reclaimable_blobs (blob_id) SELECT DISTINCT blob_id"
                            + " FROM trashed_nodes WHERE blob_id IS NOT NULL AND id IN ").argList(batch)
                    .sql(" ON CONFLICT (blob_id) DO NOTHING"));
            execute(new SqlFragment().sql("DELETE FROM trashed_nodes WHERE id IN ").argList(batch));
        }
        if (batch.size() < limit) {
            handle.createUpdate("""
                            DELETE FROM trash_items
                            WHERE id = :item AND NOT EXISTS (SELECT 1 FROM trashed_nodes WHERE item_id = :item)""")
                    .bind("item", itemId)
                    .execute();
        }
        return batch.size();
    }

    /** Everything in a project's trash, for the project's deletion: its blobs are noted for the collector. */
    static void deleteAllOf(Handle handle, String projectId) {
        String items = "SELECT id FROM trash_items WHERE project_id = :id";
        handle.createUpdate("INSERT INTO reclaimable_blobs (blob_id) SELECT DISTINCT blob_id FROM trashed_nodes"
                        + " WHERE blob_id IS NOT NULL AND item_id IN (" + items + ") ON CONFLICT (blob_id) DO NOTHING")
                .bind("id", projectId)
                .execute();
        handle.createUpdate("DELETE FROM trashed_nodes WHERE item_id IN (" + items + ")").bind("id", projectId).execute();
        handle.createUpdate("DELETE FROM trash_items WHERE project_id = :id").bind("id", projectId).execute();
    }

    private void execute(SqlFragment sql) {
        handle.createUpdate(sql.text()).bindMap(sql.args()).execute();
    }

    private static TrashItem item(ResultSet rs, StatementContext ctx) throws SQLException {
        return new TrashItem(Columns.text(rs, "id"), Columns.text(rs, "project_id"), Columns.text(rs, "parent_id"),
                Columns.text(rs, "name"), Columns.flag(rs, "is_folder") ? NodeType.FOLDER : NodeType.FILE,
                Columns.text(rs, "node_key"), rs.getLong("files"), rs.getLong("size"), Columns.text(rs, "deleted_by"),
                Columns.instant(rs, "trashed_at"), Columns.instant(rs, "expires_at"));
    }
}
