package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UploadState;

final class UploadSessionRowMapper implements RowMapper<UploadSession> {
    static final String COLUMNS = "id, user_id, project_id, parent_id, folder_path, name, size, part_size, part_count,"
            + " overwrite, state, content_type, description, origin_task, blob_id, file_id, store_upload_id,"
            + " created_at, expires_at";

    @Override
    public UploadSession map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new UploadSession(rs.getString("id"), rs.getString("user_id"), rs.getString("project_id"),
                rs.getString("parent_id"), rs.getString("folder_path"), rs.getString("name"), rs.getLong("size"),
                rs.getLong("part_size"), rs.getInt("part_count"), Columns.flag(rs, "overwrite"),
                UploadState.valueOf(rs.getString("state")), rs.getString("content_type"),
                rs.getString("description"), rs.getString("origin_task"), rs.getString("blob_id"),
                rs.getString("file_id"), rs.getString("store_upload_id"), Columns.instant(rs, "created_at"),
                Columns.instant(rs, "expires_at"));
    }
}
