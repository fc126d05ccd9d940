package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** SQLite statements are prepared once per connection and reused, with fresh parameters each time. */
class SqliteStatementCacheTest {
    @TempDir
    Path dir;

    @Test
    void aStatementIsPreparedOncePerConnectionAndReusedWithNewParameters() {
        SQLiteDataSource source = TestDatabase.sqliteFile(dir.resolve("cache.db"));
        List<PreparedStatement> prepared = new ArrayList<>();
        SqliteStatementCache cache = new SqliteStatementCache();
        StatementBuilderFactory recording = connection -> {
            StatementBuilder inner = cache.createStatementBuilder(connection);
            return new Recording(inner, prepared);
        };
        try (Handle handle = Jdbi.create(source).setStatementBuilderFactory(recording).open()) {
            handle.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
            handle.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
            for (int i = 0; i < 3; i++) {
                assertThat(name(handle, 1)).isEqualTo("one");
                assertThat(name(handle, 2)).isEqualTo("two");
            }
            long distinct = prepared.stream().filter(p -> p != null).distinct().count();
            assertThat(prepared).hasSize(2 + 6);
            assertThat(distinct).as("the SELECT was prepared once and reused five times").isEqualTo(3);
        }
    }

    /**
     * A statement goes back to the cache with its parameters still bound. Clearing them
     * (sqlite3_clear_bindings) marks a statement whose query plan looked at a parameter as expired,
     * and SQLite then compiles it again on its next use: the per-request token lookup was
     * recompiled every time, which the cache exists to avoid.
     */
    @Test
    void aStatementGoesBackToTheCacheWithItsParametersBound() throws Exception {
        SQLiteDataSource source = TestDatabase.sqliteFile(dir.resolve("bound.db"));
        List<PreparedStatement> prepared = new ArrayList<>();
        SqliteStatementCache cache = new SqliteStatementCache();
        StatementBuilderFactory recording = connection -> new Recording(cache.createStatementBuilder(connection), prepared);
        try (Handle handle = Jdbi.create(source).setStatementBuilderFactory(recording).open()) {
            handle.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
            handle.execute("INSERT INTO t VALUES (1, 'one')");
            assertThat(name(handle, 1)).isEqualTo("one");
            PreparedStatement cached = prepared.get(prepared.size() - 1);
            try (var rs = cached.executeQuery()) {
                assertThat(rs.next()).as("the statement still has id = 1 bound").isTrue();
                assertThat(rs.getString(1)).isEqualTo("one");
            }
        }
    }

    @Test
    void theSameStatementUsedTwiceAtOnceGetsTwoStatements() {
        SQLiteDataSource source = TestDatabase.sqliteFile(dir.resolve("nested.db"));
        try (Handle handle = Jdbi.create(source).setStatementBuilderFactory(new SqliteStatementCache()).open()) {
            handle.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
            handle.execute("INSERT INTO t VALUES (1, 'one'), (2, 'two')");
            List<String> pairs = new ArrayList<>();
            handle.createQuery("SELECT id FROM t ORDER BY id").mapTo(Integer.class).forEach(outer ->
                    handle.createQuery("SELECT id FROM t ORDER BY id").mapTo(Integer.class)
                            .forEach(inner -> pairs.add(outer + "-" + inner)));
            assertThat(pairs).containsExactly("1-1", "1-2", "2-1", "2-2");
        }
    }

    private static String name(Handle handle, int id) {
        return handle.createQuery("SELECT name FROM t WHERE id = :id").bind("id", id).mapTo(String.class).one();
    }

    /** Notes every statement handed out. */
    private record Recording(StatementBuilder inner, List<PreparedStatement> prepared) implements StatementBuilder {
        @Override
        public java.sql.Statement create(Connection conn, StatementContext ctx) throws java.sql.SQLException {
            return inner.create(conn, ctx);
        }

        @Override
        public PreparedStatement create(Connection conn, String sql, StatementContext ctx) throws java.sql.SQLException {
            PreparedStatement p = inner.create(conn, sql, ctx);
            prepared.add(p);
            return p;
        }

        @Override
        public java.sql.CallableStatement createCall(Connection conn, String sql, StatementContext ctx)
                throws java.sql.SQLException {
            return inner.createCall(conn, sql, ctx);
        }

        @Override
        public void close(Connection conn, String sql, java.sql.Statement statement) throws java.sql.SQLException {
            inner.close(conn, sql, statement);
        }
    }
}
