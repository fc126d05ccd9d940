package org.seqvault.store.sql;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ConcurrentHashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.sqlite.SQLiteConnection;

/**
 * Reuses SQLite prepared statements across transactions. sqlite-jdbc compiles every statement
 * afresh and reads all its column names when it is prepared, which was a tenth of the CPU time of
 * a request; the server runs a few dozen distinct statements, so each pooled connection keeps
 * them. Statements are prepared on the physical connection (the pool would close those made
 * through its proxy when the connection goes back), used by one transaction at a time like the
 * connection itself, and closed with it. PostgreSQL's driver already caches on its own.
 */
final class SqliteStatementCache implements StatementBuilderFactory {
    /** Distinct statements kept per connection; the least recently used beyond it are closed. */
    static final int PER_CONNECTION = 128;

    /**
     * Keyed by the physical connection (SQLiteConnection keeps Object's identity equality). A
     * concurrent map, not a synchronized one: every statement of every request looks its
     * connection up here, and a single monitor taken by that many virtual threads left some of
     * them waiting for a second (thread dumps, bench/FIXES.md §14).
     */
    private final ConcurrentHashMap<SQLiteConnection, Map<String, PreparedStatement>> byConnection =
            new ConcurrentHashMap<>();

    @Override
    public StatementBuilder createStatementBuilder(Connection connection) {
        SQLiteConnection physical;
        try {
            physical = connection.unwrap(SQLiteConnection.class);
        } catch (SQLException notSqlite) {
            return new DefaultStatementBuilder();
        }
        Map<String, PreparedStatement> cache = byConnection.get(physical);
        if (cache == null) {
            // A new physical connection: the pool has retired others, whose statements went with them.
            byConnection.keySet().removeIf(SqliteStatementCache::isClosed);
            cache = byConnection.computeIfAbsent(physical, c -> new Lru());
        }
        return new Builder(physical, cache);
    }

    /** Statements of one connection by SQL text, least recently used first. */
    private static final class Lru extends LinkedHashMap<String, PreparedStatement> {
        Lru() {
            super(16, 0.75f, true);
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= PER_CONNECTION) {
                return false;
            }
            closeQuietly(eldest.getValue());
            return true;
        }
    }

    /** One handle's view: takes statements out of the connection's cache and puts them back when JDBI is done. */
    private static final class Builder implements StatementBuilder {
        private final DefaultStatementBuilder plain = new DefaultStatementBuilder();
        private final SQLiteConnection physical;
        private final Map<String, PreparedStatement> cache;
        /**
         * The statements this builder handed out from (or for) the cache, with the SQL they were
         * prepared from: JDBI closes them naming its unparsed SQL, not the prepared text.
         */
        private final Map<Statement, String> cached = new IdentityHashMap<>();

        Builder(SQLiteConnection physical, Map<String, PreparedStatement> cache) {
            this.physical = physical;
            this.cache = cache;
        }

        @Override
        public Statement create(Connection conn, StatementContext ctx) throws SQLException {
            return plain.create(conn, ctx);
        }

        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws SQLException {
            if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
                return plain.create(conn, sql, ctx);
            }
            // Taken out while in use: the same SQL used twice at once gets a second statement.
            PreparedStatement statement = cache.remove(sql);
            if (statement == null || statement.isClosed()) {
                statement = physical.prepareStatement(sql);
            }
            cached.put(statement, sql);
            return statement;
        }

        @Override
        public CallableStatement createCall(Connection conn, String sql, StatementContext ctx) throws SQLException {
            return plain.createCall(conn, sql, ctx);
        }

        @Override
        public void close(Connection conn, String unparsedSql, Statement statement) throws SQLException {
            String sql = cached.remove(statement);
            if (sql == null || statement.isClosed()) {
                plain.close(conn, unparsedSql, statement);
                return;
            }
            // Parameters are left bound, not cleared: JDBI binds every parameter before each use, and
            // sqlite3_clear_bindings marks a statement whose plan looked at a parameter (the token
            // lookup's, the metadata and tags UNION) expired, so SQLite recompiled it on its next
            // use, 15-20 us a time. ResultSet.close has already reset the statement.
            PreparedStatement previous = cache.putIfAbsent(sql, (PreparedStatement) statement);
            if (previous != null) {
                closeQuietly(statement);
            }
        }
    }

    private static boolean isClosed(SQLiteConnection connection) {
        try {
            return connection.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void closeQuietly(Statement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // Closing only releases native memory; the connection going away releases it too.
        }
    }
}
