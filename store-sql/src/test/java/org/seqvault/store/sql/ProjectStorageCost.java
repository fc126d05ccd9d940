package org.seqvault.store.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A measurement, run on demand and not part of the suite (its name does not end in Test): what the
 * triggers that keep project_storage cost when files are written, and what a quota check would cost
 * if it summed a project's files instead of reading its counters. Results in docs/indexes.md.
 *
 * <pre>mvn -B -pl store-sql -am test -Dtest=ProjectStorageCost -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class ProjectStorageCost {
    /** Files per project; two projects are written interleaved. */
    private static final int FILES = 100_000;
    private static final List<String> NODE_TRIGGERS = List.of("nodes_added_to_storage", "nodes_removed_from_storage",
            "nodes_changed_in_storage");

    @TempDir
    Path dir;

    @Test
    void measure() throws Exception {
        for (TestDatabase database : TestDatabase.values()) {
            for (boolean triggers : new boolean[] {false, true}) {
                TestDatabase.Location db = database.create(dir.resolve(database + "-" + triggers));
                db.open().close();
                try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                    System.out.printf("%s, triggers %s: %s%n", database, triggers ? "on" : "dropped",
                            run(c, database, triggers));
                }
            }
        }
    }

    private static String run(Connection c, TestDatabase database, boolean triggers) throws SQLException {
        Statement s = c.createStatement();
        for (String p : List.of("big", "other")) {
            s.execute("INSERT INTO projects (id, owner, slug, root_folder_id, name, is_public, created_at, modified_at)"
                    + " VALUES ('ws_" + p + "', 'alice', '" + p + "', 'root_" + p + "', '" + p + "', 0, 0, 0)");
            s.execute("INSERT INTO nodes (id, project_id, parent_id, name, is_folder, node_key, size, created_at,"
                    + " modified_at) VALUES ('root_" + p + "', 'ws_" + p + "', NULL, '', 1, '', 0, 0, 0)");
        }
        if (!triggers) {
            for (String t : NODE_TRIGGERS) {
                s.execute("DROP TRIGGER " + t + (database == TestDatabase.POSTGRESQL ? " ON nodes" : ""));
            }
        }
        c.setAutoCommit(false);
        PreparedStatement insert = c.prepareStatement("INSERT INTO nodes (id, project_id, parent_id, name, is_folder,"
                + " node_key, size, created_at, modified_at) VALUES (?, ?, ?, ?, 0, ?, ?, 0, 0)");
        long t0 = System.nanoTime();
        for (int i = 0; i < 2000; i++) {
            insert(insert, "single" + i, "big", i);
            c.commit();
        }
        long single = micros(t0) / 2000;
        t0 = System.nanoTime();
        for (int i = 0; i < 2 * FILES; i++) {
            insert(insert, "batched" + i, i % 2 == 0 ? "big" : "other", i);
            if (i % 1000 == 999) {
                c.commit();
            }
        }
        c.commit();
        long batched = micros(t0) / (2 * FILES);
        c.setAutoCommit(true);
        s.execute(database == TestDatabase.POSTGRESQL ? "VACUUM ANALYZE" : "ANALYZE");
        double sum = medianMillis(c, "SELECT COALESCE(SUM(size), 0), COUNT(*) FROM nodes"
                + " WHERE project_id = 'ws_big' AND is_folder = 0");
        double row = medianMillis(c, "SELECT used_bytes, used_files FROM project_storage WHERE project_id = 'ws_big'");
        t0 = System.nanoTime();
        s.execute("DELETE FROM nodes WHERE project_id = 'ws_big' AND is_folder = 0");
        long delete = micros(t0) / 1000;
        return String.format("one file per commit %d µs; 1000 per commit %d µs a file; summing the 102,000-file"
                + " project %.1f ms, its counter row %.3f ms; one DELETE of its 102,000 files %d ms", single, batched,
                sum, row, delete);
    }

    private static void insert(PreparedStatement ps, String id, String project, long size) throws SQLException {
        ps.setString(1, id);
        ps.setString(2, "ws_" + project);
        ps.setString(3, "root_" + project);
        ps.setString(4, id);
        ps.setString(5, id);
        ps.setLong(6, 1000 + size);
        ps.executeUpdate();
    }

    private static long micros(long since) {
        return (System.nanoTime() - since) / 1000;
    }

    private static double medianMillis(Connection c, String sql) throws SQLException {
        double[] t = new double[21];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                rs.getLong(1);
            }
            t[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(t);
        return t[t.length / 2];
    }
}
