package org.seqvault.store.sql;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.seqvault.domain.Checksums;
import org.sqlite.jdbc3.JDBC3ResultSet;

/** Reads the column encodings the schema uses: text, micros, 0/1 flags, nullable checksum pairs. */
final class Columns {
    private Columns() {
    }

    /**
     * A text column. On SQLite the value's UTF-8 bytes are taken as they are and decoded here:
     * sqlite-jdbc's own getString wraps them in a direct buffer made by calling back into the JVM
     * from native code, then copies them twice, which was over a third of what a listing allocated
     * (bench/FIXES.md §18). The bytes are the same, so is the string. Statements SeqVault prepares on
     * SQLite give the driver's own result sets ({@link SqliteStatementCache}); any other reads as usual.
     */
    static String text(ResultSet rs, String column) throws SQLException {
        if (rs instanceof JDBC3ResultSet) {
            byte[] utf8 = rs.getBytes(column);
            return utf8 == null ? null : new String(utf8, StandardCharsets.UTF_8);
        }
        return rs.getString(column);
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
        String md5 = Columns.text(rs, md5Column);
        String sha256 = Columns.text(rs, sha256Column);
        return md5 == null || sha256 == null ? null : new Checksums(md5, sha256);
    }

    static String md5(Checksums checksums) {
        return checksums == null ? null : checksums.md5();
    }

    static String sha256(Checksums checksums) {
        return checksums == null ? null : checksums.sha256();
    }
}
