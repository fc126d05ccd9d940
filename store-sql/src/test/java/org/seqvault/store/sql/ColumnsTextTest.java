package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;
import org.sqlite.jdbc3.JDBC3ResultSet;

/**
 * Text read from SQLite through its UTF-8 bytes ({@link Columns#text}) is exactly what the driver's
 * getString gives: NULL, the empty string, characters outside ASCII and outside the BMP, and a
 * number stored in a text column's place.
 */
class ColumnsTextTest {
    @TempDir
    Path dir;

    @Test
    void textFromSqliteBytesIsWhatGetStringReads() {
        SQLiteDataSource source = TestDatabase.sqliteFile(dir.resolve("text.db"));
        List<String> stored = Arrays.asList(null, "", "sample_id", "Ünïcødé ✓ 試料 😀", "tab\there", "x".repeat(5000));
        try (Handle handle = Jdbi.create(source).setStatementBuilderFactory(new SqliteStatementCache()).open()) {
            handle.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v)");
            for (int i = 0; i < stored.size(); i++) {
                handle.execute("INSERT INTO t (id, v) VALUES (?, ?)", i, stored.get(i));
            }
            handle.execute("INSERT INTO t (id, v) VALUES (?, ?)", stored.size(), 42);
            List<String> viaBytes = new ArrayList<>();
            List<String> viaDriver = new ArrayList<>();
            handle.createQuery("SELECT v FROM t ORDER BY id").map((rs, ctx) -> {
                // The branch under test: what SeqVault's SQLite statements return is the driver's result set.
                assertThat(rs).isInstanceOf(JDBC3ResultSet.class);
                viaBytes.add(Columns.text(rs, "v"));
                viaDriver.add(rs.getString("v"));
                return 0;
            }).list();
            List<String> expected = new ArrayList<>(stored);
            expected.add("42");
            assertThat(viaBytes).isEqualTo(viaDriver).isEqualTo(expected);
        }
    }
}
