package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.seqvault.domain.Blob;

final class BlobRowMapper implements RowMapper<Blob> {
    static final String COLUMNS = "b.id, b.size, b.md5, b.sha256, b.segments, b.created_at";

    @Override
    public Blob map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Blob(Columns.text(rs, "id"), rs.getLong("size"), Columns.checksums(rs, "md5", "sha256"),
                rs.getInt("segments"), Columns.instant(rs, "created_at"));
    }
}
