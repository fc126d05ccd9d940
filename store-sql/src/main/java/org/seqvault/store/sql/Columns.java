package org.seqvault.store.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.seqvault.domain.Checksums;

/** Reads the column encodings the schema uses: micros, 0/1 flags, nullable checksum pairs. */
final class Columns {
    private Columns() {
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long micros = rs.getLong(column);
        return rs.wasNull() ? null : Micros.toInstant(micros);
    }

    static boolean flag(ResultSet rs, String column) throws SQLException {
        return rs.getInt(column) != 0;
    }

    static int flag(boolean value) {
        return value ? 1 : 0;
    }

    /** Folders (and nodes written before checksums were known) have none. */
    static Checksums checksums(ResultSet rs, String md5Column, String sha256Column) throws SQLException {
        String md5 = rs.getString(md5Column);
        String sha256 = rs.getString(sha256Column);
        return md5 == null || sha256 == null ? null : new Checksums(md5, sha256);
    }

    static String md5(Checksums checksums) {
        return checksums == null ? null : checksums.md5();
    }

    static String sha256(Checksums checksums) {
        return checksums == null ? null : checksums.sha256();
    }
}
