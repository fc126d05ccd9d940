package org.seqvault.store.sql;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.seqvault.domain.Node;
import org.seqvault.service.port.ListingOrder;
import org.seqvault.service.port.NodeQuery;
import org.seqvault.service.port.NodeRepository;

final class SqlNodeRepository implements NodeRepository {
    private static final NodeRowMapper MAPPER = new NodeRowMapper();
    private static final ProjectRowMapper PROJECT = ProjectRowMapper.prefixed();
    private static final String SELECT = "SELECT " + NodeRowMapper.COLUMNS + " FROM nodes n";
    private static final String TOTAL_COLUMN = "total_matches";
    private static final String SELECT_COUNTED = "SELECT " + NodeRowMapper.COLUMNS + ", COUNT(*) OVER () AS "
            + TOTAL_COLUMN + " FROM nodes n";
    /** The folders-first listing order; the nodes_listing index has exactly this shape. */
    private static final String LISTING_ORDER = " ORDER BY n.is_folder DESC, n.name, n.id";
    private static final String UPDATE_SAVEPOINT = "node_update";
    private static final String MOVE_SAVEPOINT = "node_move";
    /** Copies per statement: three parameters each, far below every database's limit. */
    private static final int COPY_CHUNK = 1000;

    private final Handle handle;
    private final Dialect dialect;
    private final NodeDetails details;

    SqlNodeRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
        this.details = new NodeDetails(handle);
    }

    @Override
    public boolean insert(Node node) {
        int inserted = handle.createUpdate("""
                        INSERT INTO nodes (id, project_id, parent_id, name, is_folder, node_key, blob_id, size, md5,
                                           sha256, content_type, description, origin_task, created_at, modified_at)
                        VALUES (:id, :projectId, :parentId, :name, :isFolder, :key, :blobId, :size, :md5, :sha256,
                                :contentType, :description, :originTask, :createdAt, :modifiedAt)
                        ON CONFLICT DO NOTHING""")
                .bind("id", node.id())
                .bind("projectId", node.projectId())
                .bind("parentId", node.parentId())
                .bind("name", node.name())
                .bind("isFolder", Columns.flag(node.isFolder()))
                .bind("key", node.key())
                .bind("blobId", node.blobId())
                .bind("size", node.size())
                .bind("md5", Columns.md5(node.checksums()))
                .bind("sha256", Columns.sha256(node.checksums()))
                .bind("contentType", node.contentType())
                .bind("description", node.description())
                .bind("originTask", node.originTask())
                .bind("createdAt", Micros.of(node.createdAt()))
                .bind("modifiedAt", Micros.of(node.modifiedAt()))
                .execute();
        if (inserted == 0) {
            return false;
        }
        details.insert(node);
        return true;
    }

    @Override
    public Optional<Node> byId(String id) {
        return one(handle.createQuery(SELECT + " WHERE n.id = :id").bind("id", id).map(MAPPER).findOne());
    }

    @Override
    public Optional<InProject> byIdInProject(String id) {
        return handle.createQuery("SELECT " + NodeRowMapper.COLUMNS + ", " + ProjectRowMapper.PREFIXED_COLUMNS
                        + " FROM nodes n JOIN projects p ON p.id = n.project_id WHERE n.id = :id")
                .bind("id", id)
                .map((rs, ctx) -> new InProject(MAPPER.map(rs, ctx), PROJECT.map(rs, ctx)))
                .findOne()
                .map(found -> new InProject(details.attachTo(found.node()), found.project()));
    }

    @Override
    public List<Node> byIds(List<String> ids) {
        List<Node> rows = new ArrayList<>(ids.size());
        for (int from = 0; from < ids.size(); from += NodeDetails.CHUNK) {
            SqlFragment sql = new SqlFragment().sql(SELECT + " WHERE n.id IN ")
                    .argList(ids.subList(from, Math.min(ids.size(), from + NodeDetails.CHUNK)));
            rows.addAll(list(sql));
        }
        return details.attach(rows);
    }

    /** Every presigned download runs it, so it reads the one column from the primary key and nothing else. */
    @Override
    public Optional<String> fileBlobId(String id) {
        return handle.createQuery("SELECT blob_id FROM nodes WHERE id = :id AND is_folder = 0")
                .bind("id", id)
                .mapTo(String.class)
                .findOne();
    }

    @Override
    public Optional<Node> child(String parentId, String name) {
        return one(handle.createQuery(SELECT + " WHERE n.parent_id = :parentId AND n.name = :name")
                .bind("parentId", parentId)
                .bind("name", name)
                .map(MAPPER)
                .findOne());
    }

    /** Each name is a lookup on the (parent_id, name) unique index. */
    @Override
    public List<Node> children(String parentId, Collection<String> names) {
        if (names.isEmpty()) {
            return List.of();
        }
        SqlFragment sql = new SqlFragment().sql(SELECT + " WHERE n.parent_id = ").arg(parentId)
                .sql(" AND n.name IN ").argList(names);
        return details.attach(list(sql));
    }

    @Override
    public Optional<Node> fileByKey(String projectId, String key) {
        return one(handle.createQuery(SELECT + " WHERE n.project_id = :projectId AND n.node_key = :key AND n.is_folder = 0")
                .bind("projectId", projectId)
                .bind("key", key)
                .map(MAPPER)
                .findOne());
    }

    /**
     * Runs in a savepoint: when the new (parent, name) is taken the unique index refuses the row,
     * and on PostgreSQL only rolling back to the savepoint keeps the transaction usable.
     */
    @Override
    public boolean update(Node node) {
        handle.savepoint(UPDATE_SAVEPOINT);
        int updated;
        try {
            updated = handle.createUpdate("""
                            UPDATE nodes
                            SET parent_id = :parentId, name = :name, node_key = :key, description = :description,
                                origin_task = :originTask, modified_at = :modifiedAt
                            WHERE id = :id""")
                    .bind("parentId", node.parentId())
                    .bind("name", node.name())
                    .bind("key", node.key())
                    .bind("description", node.description())
                    .bind("originTask", node.originTask())
                    .bind("modifiedAt", Micros.of(node.modifiedAt()))
                    .bind("id", node.id())
                    .execute();
        } catch (UnableToExecuteStatementException e) {
            if (!dialect.isUniqueViolation(e)) {
                throw e;
            }
            handle.rollbackToSavepoint(UPDATE_SAVEPOINT);
            return false;
        }
        handle.releaseSavepoint(UPDATE_SAVEPOINT);
        if (updated == 0) {
            return false;
        }
        details.replace(node);
        return true;
    }

    @Override
    public void delete(String id) {
        SqlBlobRepository.noteBlobsOfNodes(handle, "id = :id", "id", id);
        handle.createUpdate("DELETE FROM nodes WHERE id = :id").bind("id", id).execute();
    }

    /**
     * One statement deletes: both databases check the parent foreign key at its end, when the whole
     * subtree is gone. On PostgreSQL the subtree's rows are locked first, so a file created in it
     * meanwhile waits (and then fails on its folder) instead of going without its blob noted.
     */
    @Override
    public int deleteTree(Node folder) {
        if (!folder.isFolder()) {
            throw new IllegalArgumentException(folder.id() + " is a file, not a folder");
        }
        if (dialect.locksRows()) {
            SqlFragment lock = Subtree.where(new SqlFragment().sql(
                    "SELECT COUNT(*) FROM (SELECT id FROM nodes WHERE "), "", folder).sql(" FOR UPDATE) subtree");
            handle.createQuery(lock.text()).bindMap(lock.args()).mapTo(Long.class).one();
        }
        SqlFragment note = Subtree.where(new SqlFragment().sql(
                "INSERT INTO reclaimable_blobs (blob_id) SELECT DISTINCT blob_id FROM nodes WHERE "), "", folder)
                .sql(" AND blob_id IS NOT NULL ON CONFLICT (blob_id) DO NOTHING");
        handle.createUpdate(note.text()).bindMap(note.args()).execute();
        SqlFragment delete = Subtree.where(new SqlFragment().sql("DELETE FROM nodes WHERE "), "", folder);
        return handle.createUpdate(delete.text()).bindMap(delete.args()).execute();
    }

    /**
     * Per chunk: one INSERT … SELECT of the nodes, joined to the (source, copy id, key) rows as a VALUES
     * list, skipping the names taken (ON CONFLICT DO NOTHING, whose RETURNING says which went in); then
     * one INSERT … SELECT each for the metadata and the tags of the copies that went in.
     */
    @Override
    public List<String> insertCopies(String projectId, String parentId, List<CopyOf> copies, Instant at) {
        List<String> skipped = new ArrayList<>();
        for (int from = 0; from < copies.size(); from += COPY_CHUNK) {
            List<CopyOf> chunk = copies.subList(from, Math.min(copies.size(), from + COPY_CHUNK));
            SqlFragment insert = new SqlFragment().sql("INSERT INTO nodes (id, project_id, parent_id, name, is_folder,"
                    + " node_key, blob_id, size, md5, sha256, content_type, description, origin_task, created_at,"
                    + " modified_at) SELECT v.column2, ").arg(projectId).sql(", ").arg(parentId).sql(", n.name,"
                    + " n.is_folder, v.column3, n.blob_id, n.size, n.md5, n.sha256, n.content_type, n.description,"
                    + " n.origin_task, ").arg(Micros.of(at)).sql(", ").arg(Micros.of(at)).sql(" FROM nodes n JOIN (VALUES ");
            String separator = "";
            for (CopyOf c : chunk) {
                insert.sql(separator + "(").arg(c.sourceId()).sql(", ").arg(c.id()).sql(", ").arg(c.key()).sql(")");
                separator = ", ";
            }
            // WHERE true: SQLite reads an ON CONFLICT right after a join's ON as part of the join otherwise.
            insert.sql(") v ON n.id = v.column1 " + dialect.bytewise() + " WHERE true ON CONFLICT DO NOTHING RETURNING id");
            java.util.Set<String> inserted = new java.util.HashSet<>(
                    handle.createQuery(insert.text()).bindMap(insert.args()).mapTo(String.class).list());
            List<CopyOf> done = new ArrayList<>();
            for (CopyOf c : chunk) {
                if (inserted.contains(c.id())) {
                    done.add(c);
                } else {
                    skipped.add(c.sourceId());
                }
            }
            if (!done.isEmpty()) {
                copyDetails("INSERT INTO node_metadata (node_id, meta_key, meta_value, parent_id) SELECT v.column2,"
                        + " m.meta_key, m.meta_value, ", parentId, " FROM node_metadata m JOIN (VALUES ", done,
                        ") v ON m.node_id = v.column1 ");
                copyDetails("INSERT INTO node_tags (node_id, tag, position, parent_id) SELECT v.column2, t.tag,"
                        + " t.position, ", parentId, " FROM node_tags t JOIN (VALUES ", done, ") v ON t.node_id = v.column1 ");
            }
        }
        return skipped;
    }

    /** One INSERT … SELECT of the copies' metadata or tags, each row naming the folder they were copied to. */
    private void copyDetails(String head, String parentId, String from, List<CopyOf> copies, String tail) {
        SqlFragment sql = new SqlFragment().sql(head).arg(parentId).sql(from);
        String separator = "";
        for (CopyOf c : copies) {
            sql.sql(separator + "(").arg(c.sourceId()).sql(", ").arg(c.id()).sql(")");
            separator = ", ";
        }
        sql.sql(tail + dialect.bytewise());
        handle.createUpdate(sql.text()).bindMap(sql.args()).execute();
    }

    /**
     * In a savepoint: the root's new (parent, name) first, which the unique index refuses when taken;
     * then one statement rewrites the keys (and the project) of the whole subtree, a range on the old
     * root key. On PostgreSQL the subtree's rows are locked first, as for a delete, so a file created in
     * it meanwhile waits for the move. The project is set only when it changes: the storage trigger runs
     * for every row whose project_id is written.
     */
    @Override
    public boolean moveTree(Node root, String parentId, String name, String key, String projectId, Instant at) {
        if (root.isRoot()) {
            throw new IllegalArgumentException("the root folder of project " + root.projectId() + " cannot move");
        }
        if (dialect.locksRows()) {
            SqlFragment lock = Subtree.where(new SqlFragment().sql(
                    "SELECT COUNT(*) FROM (SELECT id FROM nodes WHERE "), "", root).sql(" FOR UPDATE) subtree");
            handle.createQuery(lock.text()).bindMap(lock.args()).mapTo(Long.class).one();
        }
        handle.savepoint(MOVE_SAVEPOINT);
        try {
            handle.createUpdate("UPDATE nodes SET parent_id = :parentId, name = :name, modified_at = :at WHERE id = :id")
                    .bind("parentId", parentId)
                    .bind("name", name)
                    .bind("at", Micros.of(at))
                    .bind("id", root.id())
                    .execute();
        } catch (UnableToExecuteStatementException e) {
            if (!dialect.isUniqueViolation(e)) {
                throw e;
            }
            handle.rollbackToSavepoint(MOVE_SAVEPOINT);
            return false;
        }
        handle.releaseSavepoint(MOVE_SAVEPOINT);
        int keyFrom = root.key().codePointCount(0, root.key().length()) + 1;
        SqlFragment rewrite = new SqlFragment().sql("UPDATE nodes SET node_key = ").arg(key)
                .sql(" || substr(node_key, ").arg(keyFrom).sql(")");
        if (!projectId.equals(root.projectId())) {
            rewrite.sql(", project_id = ").arg(projectId);
        }
        handle.createUpdate(Subtree.where(rewrite.sql(" WHERE "), "", root).text()).bindMap(rewrite.args()).execute();
        return true;
    }

    /**
     * Ordered by the unique (parent_id, name) index so the planner walks it: with a bare LIMIT 1
     * PostgreSQL reads the table sequentially when the folder holds a large share of it,
     * counting on meeting a child early, which is a whole-table read when the children lie at its end.
     */
    @Override
    public boolean hasChildren(String folderId) {
        return handle.createQuery("SELECT 1 FROM nodes WHERE parent_id = :id ORDER BY name LIMIT 1")
                .bind("id", folderId)
                .mapTo(Integer.class)
                .findFirst()
                .isPresent();
    }

    /** A range on (project_id, node_key), so the nodes_by_key index carries it in key order. A null prefix is "". */
    @Override
    public List<Node> filesByKeyPrefix(String projectId, String prefix, String afterKey, int limit) {
        String from = prefix == null ? "" : prefix;
        SqlFragment sql = new SqlFragment().sql(SELECT + " WHERE n.project_id = ").arg(projectId)
                .sql(" AND n.node_key >= ").arg(from);
        KeyRange.upperBound(from).ifPresent(upper -> sql.sql(" AND n.node_key < ").arg(upper));
        if (afterKey != null) {
            sql.sql(" AND n.node_key > ").arg(afterKey);
        }
        sql.sql(" AND n.is_folder = 0 ORDER BY n.node_key LIMIT ").arg(limit);
        return details.attach(list(sql));
    }

    @Override
    public List<Node> query(NodeQuery query, long offset, int limit) {
        return page(SELECT, query, offset, limit).map(sql -> details.attach(list(sql))).orElse(List.of());
    }

    /**
     * With a metadata, tag or name-contains filter the database must find every match to sort them before the
     * page, so the same query counts them too (a window over those rows) instead of a second query
     * finding them all again. Other listings walk an index in order and stop after the page; there
     * the caller counts only when it has to.
     */
    @Override
    public CountedPage queryCounted(NodeQuery query, long offset, int limit) {
        if (query.metadata().isEmpty() && query.tags().isEmpty() && query.nameContains() == null) {
            return new CountedPage(query(query, offset, limit), -1);
        }
        Optional<SqlFragment> page = page(SELECT_COUNTED, query, offset, limit);
        if (page.isEmpty()) {
            return new CountedPage(List.of(), 0);
        }
        SqlFragment sql = page.get();
        long[] total = {-1};
        List<Node> rows = handle.createQuery(sql.text()).bindMap(sql.args()).map((rs, ctx) -> {
            total[0] = rs.getLong(TOTAL_COLUMN);
            return MAPPER.map(rs, ctx);
        }).list();
        return new CountedPage(details.attach(rows), total[0]);
    }

    /** One offset page of the query's matches in its order, selected by {@code select}; empty when nothing can match. */
    private static Optional<SqlFragment> page(String select, NodeQuery query, long offset, int limit) {
        SqlFragment sql = new SqlFragment().sql(select + " WHERE ");
        if (!NodeFilter.appendConditions(query, sql)) {
            return Optional.empty();
        }
        return Optional.of(sql.sql(orderBy(query.order()) + " LIMIT ").arg(limit).sql(" OFFSET ").arg(offset));
    }

    /**
     * Folders first, then the order's column, then name and id (a total order, so pages neither
     * repeat nor skip a row). Only the name order walks an index; the others sort the folder's matches.
     */
    private static String orderBy(ListingOrder order) {
        if (order.isDefault()) {
            return LISTING_ORDER;
        }
        String direction = order.descending() ? " DESC" : "";
        String byColumn = switch (order.key()) {
            case NAME -> "";
            case SIZE -> "n.size" + direction + ", ";
            case CREATED -> "n.created_at" + direction + ", ";
            case MODIFIED -> "n.modified_at" + direction + ", ";
        };
        return " ORDER BY n.is_folder DESC, " + byColumn + "n.name" + direction + ", n.id" + direction;
    }

    @Override
    public long count(NodeQuery query) {
        SqlFragment sql = new SqlFragment().sql("SELECT COUNT(*) FROM nodes n WHERE ");
        if (!NodeFilter.appendConditions(query, sql)) {
            return 0;
        }
        return handle.createQuery(sql.text()).bindMap(sql.args()).mapTo(Long.class).one();
    }

    /**
     * Rows after the cursor in (is_folder DESC, name, id) order. The folder flag sorts
     * descending, so the condition splits on it and compares (name, id) as a row value.
     */
    @Override
    public List<Node> queryAfter(NodeQuery query, NodeCursor after, int limit) {
        if (!query.order().isDefault()) {
            throw new IllegalArgumentException("a cursor continues the name order only: " + query.order());
        }
        SqlFragment sql = new SqlFragment().sql(SELECT + " WHERE ");
        if (!NodeFilter.appendConditions(query, sql)) {
            return List.of();
        }
        if (after != null && (after.name() != null || after.id() != null)) {
            if (after.name() == null || after.id() == null) {
                throw new IllegalArgumentException("a node cursor needs both name and id: " + after);
            }
            if (after.folder()) {
                sql.sql(" AND (n.is_folder = 0 OR (n.name, n.id) > (").arg(after.name()).sql(", ").arg(after.id())
                        .sql("))");
            } else {
                sql.sql(" AND n.is_folder = 0 AND (n.name, n.id) > (").arg(after.name()).sql(", ").arg(after.id())
                        .sql(")");
            }
        }
        sql.sql(LISTING_ORDER + " LIMIT ").arg(limit);
        return details.attach(list(sql));
    }

    private List<Node> list(SqlFragment sql) {
        return handle.createQuery(sql.text()).bindMap(sql.args()).map(MAPPER).list();
    }

    private Optional<Node> one(Optional<Node> row) {
        return row.map(details::attachTo);
    }
}
