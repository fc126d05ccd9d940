package org.seqvault.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * INSERTs of many rows per statement ({@code VALUES (…), (…), …}) for the SQLite loader: one
 * statement step per few hundred rows instead of one per row, the parameters within SQLite's
 * historical limit of 999 per statement. Rows come as one flat array, row after row.
 */
final class MultiRowInsert implements AutoCloseable {
    private static final int MAX_PARAMETERS = 999;

    private final Connection connection;
    private final String head;
    private final int columns;
    private final int rowsPerStatement;
    private final PreparedStatement full;

    MultiRowInsert(Connection connection, String table, String columnList, int columns) throws SQLException {
        this.connection = connection;
        this.head = "INSERT INTO " + table + " (" + columnList + ") VALUES ";
        this.columns = columns;
        this.rowsPerStatement = MAX_PARAMETERS / columns;
        this.full = connection.prepareStatement(sql(rowsPerStatement));
    }

    /** Inserts the rows of {@code values} ({@code columns} values per row). */
    void insert(Object[] values, int valueCount) throws SQLException {
        int rows = valueCount / columns;
        int row = 0;
        for (; row + rowsPerStatement <= rows; row += rowsPerStatement) {
            bind(full, values, row * columns, rowsPerStatement * columns);
            full.executeUpdate();
        }
        if (row < rows) {
            try (PreparedStatement rest = connection.prepareStatement(sql(rows - row))) {
                bind(rest, values, row * columns, (rows - row) * columns);
                rest.executeUpdate();
            }
        }
    }

    private String sql(int rows) {
        String one = "(" + "?, ".repeat(columns - 1) + "?)";
        return head + (one + ", ").repeat(rows - 1) + one;
    }

    private static void bind(PreparedStatement ps, Object[] values, int from, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            Object v = values[from + i];
            switch (v) {
                case String s -> ps.setString(i + 1, s);
                case Integer n -> ps.setInt(i + 1, n);
                case Long n -> ps.setLong(i + 1, n);
                case null -> ps.setNull(i + 1, java.sql.Types.VARCHAR);
                default -> ps.setObject(i + 1, v);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        full.close();
    }
}
