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
        return new UploadSession(Columns.text(rs, "id"), Columns.text(rs, "user_id"), Columns.text(rs, "project_id"),
                Columns.text(rs, "parent_id"), Columns.text(rs, "folder_path"), Columns.text(rs, "name"), rs.getLong("size"),
                rs.getLong("part_size"), rs.getInt("part_count"), Columns.flag(rs, "overwrite"),
                UploadState.valueOf(Columns.text(rs, "state")), Columns.text(rs, "content_type"),
                Columns.text(rs, "description"), Columns.text(rs, "origin_task"), Columns.text(rs, "blob_id"),
                Columns.text(rs, "file_id"), Columns.text(rs, "store_upload_id"), Columns.instant(rs, "created_at"),
                Columns.instant(rs, "expires_at"));
    }
}
