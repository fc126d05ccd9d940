package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeType;

/** The node row alone; {@link NodeDetails} adds metadata and tags from their tables. */
final class NodeRowMapper implements RowMapper<Node> {
    static final String COLUMNS = "n.id, n.project_id, n.parent_id, n.name, n.is_folder, n.node_key, n.blob_id,"
            + " n.size, n.md5, n.sha256, n.content_type, n.description, n.origin_task, n.created_at, n.modified_at";

    @Override
    public Node map(ResultSet rs, StatementContext ctx) throws SQLException {
        NodeType type = Columns.flag(rs, "is_folder") ? NodeType.FOLDER : NodeType.FILE;
        return new Node(Columns.text(rs, "id"), Columns.text(rs, "project_id"), Columns.text(rs, "parent_id"),
                Columns.text(rs, "name"), type, Columns.text(rs, "node_key"), Columns.text(rs, "blob_id"),
                rs.getLong("size"), Columns.checksums(rs, "md5", "sha256"), Columns.text(rs, "content_type"),
                Columns.text(rs, "description"), Columns.text(rs, "origin_task"), null, null,
                Columns.instant(rs, "created_at"), Columns.instant(rs, "modified_at"));
    }
}
