package org.seqvault.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a find query's statements over JDBC as SeqVault would: the page query, then the page's
 * metadata and tags by id in one statement (NodeDetails) and their header-reading statuses in
 * another, in one read transaction. Returns the rows of the page.
 */
final class SqlRunner {
    private final Connection connection;
    private final boolean postgres;

    SqlRunner(Connection connection, boolean postgres) throws SQLException {
        this.connection = connection;
        this.postgres = postgres;
        if (postgres) {
            // As the server's reading sessions (store-sql Dialect): REPEATABLE READ and read-only, set once.
            connection.setReadOnly(true);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (var s = connection.createStatement()) {
                // As the server's connections (store-sql Dialect): each execution planned for its values.
                s.execute("SET plan_cache_mode = force_custom_plan");
            }
        } else {
            try (var s = connection.createStatement()) {
                // How the server's SQLite readers refuse writes (the driver fixes read-only at connect time).
                s.execute("PRAGMA query_only = ON");
            }
        }
        connection.setAutoCommit(false);
    }

    int run(FindQuery query) throws SQLException {
        List<String> ids = new ArrayList<>();
        boolean first = true;
        for (FindQuery.Sql sql : query.statements()) {
            if (!first && ids.size() < sql.ifPageHolds()) {
                continue;
            }
            try (PreparedStatement ps = connection.prepareStatement(sql.text())) {
                for (int i = 0; i < sql.args().size(); i++) {
                    ps.setObject(i + 1, sql.args().get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        if (first) {
                            ids.add(rs.getString(1));
                            // Read every column, as the row mapper does (and the total, where the page carries it).
                            for (int c = 2; c <= columns; c++) {
                                rs.getObject(c);
                            }
                        } else {
                            rs.getLong(1);
                        }
                    }
                }
            }
            first = false;
        }
        if (!ids.isEmpty()) {
            String in = "(" + "?,".repeat(ids.size() - 1) + "?)";
            List<String> twice = new ArrayList<>(ids);
            twice.addAll(ids);
            drain("SELECT node_id, 0 AS kind, meta_key AS item, meta_value AS value, 0 AS position FROM node_metadata"
                    + " WHERE node_id IN " + in + " UNION ALL SELECT node_id, 1, tag, NULL, position FROM node_tags"
                    + " WHERE node_id IN " + in, twice);
            // The page's header-reading statuses (store-sql SqlExtractionRepository.statuses): the v2 API
            // shows them on every file of a format SeqVault reads, as the bench's FASTQ files are.
            if (query.readsStatuses()) {
                drain("SELECT file_id, state, status, extracted_keys FROM header_extractions WHERE file_id IN " + in, ids);
            }
        }
        connection.commit();
        return ids.size();
    }

    /** The database's plan for each statement of the query (with run times on PostgreSQL). */
    String explain(FindQuery query) throws SQLException {
        StringBuilder out = new StringBuilder();
        for (FindQuery.Sql sql : query.statements()) {
            String prefix = postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ";
            try (PreparedStatement ps = connection.prepareStatement(prefix + sql.text())) {
                for (int i = 0; i < sql.args().size(); i++) {
                    ps.setObject(i + 1, sql.args().get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        out.append("   ").append(rs.getString(columns)).append('\n');
                    }
                }
            }
            out.append("   --\n");
        }
        connection.commit();
        return out.toString();
    }

    private void drain(String sql, List<String> ids) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setString(i + 1, ids.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString(1);
                    rs.getString(2);
                }
            }
        }
    }
}
