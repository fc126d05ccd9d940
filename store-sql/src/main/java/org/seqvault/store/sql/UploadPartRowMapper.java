package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.seqvault.domain.UploadPart;

final class UploadPartRowMapper implements RowMapper<UploadPart> {
    static final String COLUMNS = "upload_id, part_number, size, etag, sha256, locator, received_at";

    @Override
    public UploadPart map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new UploadPart(Columns.text(rs, "upload_id"), rs.getInt("part_number"), rs.getLong("size"),
                Columns.text(rs, "etag"), Columns.text(rs, "sha256"), Columns.text(rs, "locator"),
                Columns.instant(rs, "received_at"));
    }
}
