package org.seqvault.store.sql;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.Metrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementBuilderFactory;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Everything that differs between SQLite and PostgreSQL, and nothing else. */
enum Dialect {
    SQLITE,
    POSTGRESQL;

    private static final String SQLITE_PREFIX = "jdbc:sqlite:";
    private static final int SQLITE_BUSY_TIMEOUT_MILLIS = 10_000;
    private static final int SQLITE_READERS = 8;
    private static final int POSTGRESQL_READERS = 10;
    private static final int POSTGRESQL_WRITERS = 5;
    /**
     * Every statement planned for its own values. The driver turns a statement run five times on a
     * connection into a server-side prepared one, and PostgreSQL may then settle on a generic plan
     * that ignores the values: for a metadata filter that plan expects a few dozen files per
     * (key, value) whatever the value, and on a common value (a quarter of 1,000,000 files) it
     * merged every match of both keys before looking at the folder, a second per request instead
     * of a few milliseconds. Planning these statements costs well under a millisecond.
     */
    static final String POSTGRESQL_SESSION = "SET plan_cache_mode = force_custom_plan";

    static Dialect forUrl(String jdbcUrl) {
        if (jdbcUrl == null) {
            throw new IllegalArgumentException("jdbcUrl is required");
        }
        if (jdbcUrl.startsWith(SQLITE_PREFIX)) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("jdbcUrl " + jdbcUrl + " must start with jdbc:sqlite: or jdbc:postgresql:");
    }

    /**
     * Where the Flyway migrations are: the shared ones, and each database's own (PostgreSQL's
     * statistics objects; each one's trigger syntax). Those take versions between the shared ones
     * (3.1 after 3), so both sets stay one order.
     */
    List<String> migrationLocations() {
        return this == POSTGRESQL ? List.of("classpath:db/migration", "classpath:db/postgresql")
                : List.of("classpath:db/migration", "classpath:db/sqlite");
    }

    /** Flyway placeholders of the migrations: text keys compare by bytes in both databases. */
    Map<String, String> migrationPlaceholders() {
        return Map.of("bytewise", this == SQLITE ? "COLLATE BINARY" : "COLLATE \"C\"");
    }

    /** The collation clause that makes a text comparison bytewise, as the schema's key columns compare. */
    String bytewise() {
        return migrationPlaceholders().get("bytewise");
    }

    /** Creates what the database needs before the first connection: SQLite's parent directory. */
    void prepareStorage(String jdbcUrl) {
        if (this != SQLITE) {
            return;
        }
        Path parent = sqliteFile(jdbcUrl).toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the database directory " + parent, e);
        }
    }

    /**
     * SQLite allows one writer: writes get their own single-connection pool (serialised by the
     * store's write lock) whose transactions start with BEGIN IMMEDIATE, so a writer holds the
     * write lock from its first statement and never has to upgrade. Readers run concurrently
     * in WAL mode on connections that refuse writes. PostgreSQL gets a pool for each too: its
     * readers' sessions are REPEATABLE READ and read-only from the start, so a read transaction
     * needs no SET TRANSACTION of its own (one round trip fewer per API call), while writers keep
     * READ COMMITTED.
     */
    ConnectionPools openPools(String jdbcUrl, String user, String password) {
        if (this == POSTGRESQL) {
            HikariDataSource writers = postgresPool(jdbcUrl, user, password, "seqvault-pg-writers", POSTGRESQL_WRITERS, false);
            try {
                HikariDataSource readers = postgresPool(jdbcUrl, user, password, "seqvault-pg-readers", POSTGRESQL_READERS, true);
                return new ConnectionPools(readers, writers);
            } catch (RuntimeException e) {
                writers.close();
                throw e;
            }
        }
        HikariDataSource writer = sqlitePool(jdbcUrl, "seqvault-sqlite-writer", 1,
                SQLiteConfig.TransactionMode.IMMEDIATE, null);
        try {
            HikariDataSource readers = sqlitePool(jdbcUrl, "seqvault-sqlite-readers", SQLITE_READERS,
                    SQLiteConfig.TransactionMode.DEFERRED, "PRAGMA query_only = ON");
            return new ConnectionPools(readers, writer);
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /**
     * How statements are prepared, when not as JDBI does by default: SQLite's driver prepares
     * each one afresh, so its connections keep theirs; PostgreSQL's driver caches on its own.
     */
    Optional<StatementBuilderFactory> statementBuilders() {
        return this == SQLITE ? Optional.of(new SqliteStatementCache()) : Optional.empty();
    }

    /** True when every statement is a round trip on a socket, where a virtual thread parks ({@link ReadThreads}). */
    boolean talksOverSockets() {
        return this == POSTGRESQL;
    }

    /** True when writers must take turns inside this process. */
    boolean singleWriter() {
        return this == SQLITE;
    }

    /**
     * Runs {@code work} in a transaction whose commit does not wait for the disk: PostgreSQL skips
     * waiting for its WAL flush; SQLite skips syncing its WAL (a setting it allows only outside a
     * transaction, so it is switched around it). A crash may lose such a commit, never corrupt the
     * database, and the next durable commit flushes it along.
     */
    <T> T inTransactionWithoutDurableCommit(Handle handle, Function<Handle, T> work) {
        if (this == POSTGRESQL) {
            return handle.inTransaction(h -> {
                h.execute("SET LOCAL synchronous_commit = off");
                return work.apply(h);
            });
        }
        handle.execute("PRAGMA synchronous = OFF");
        try {
            return handle.inTransaction(work::apply);
        } finally {
            handle.execute("PRAGMA synchronous = FULL");
        }
    }

    /** Whether a transaction must lock rows (SELECT … FOR UPDATE) to order itself with others; SQLite's writer already holds the database. */
    boolean locksRows() {
        return this == POSTGRESQL;
    }

    /** True when the failure (or one of its causes) is a unique or primary key violation. */
    boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (this == SQLITE && t instanceof SQLiteException e) {
                SQLiteErrorCode code = e.getResultCode();
                if (code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY) {
                    return true;
                }
            }
            if (this == POSTGRESQL && t instanceof SQLException e && "23505".equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A PostgreSQL pool. A reader's session is REPEATABLE READ READ ONLY: PostgreSQL's default READ
     * COMMITTED takes a new snapshot per statement, while one API call must read one consistent
     * snapshot, and a read-only transaction cannot fail with serialisation errors. HikariCP sets
     * both once per connection; the driver then begins each transaction with BEGIN READ ONLY sent
     * along with its first statement.
     */
    private static HikariDataSource postgresPool(String jdbcUrl, String user, String password, String name, int size,
                                                 boolean readers) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(jdbcUrl);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setConnectionInitSql(POSTGRESQL_SESSION);
        if (readers) {
            config.setReadOnly(true);
            config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
        }
        countInMetrics(config);
        return new HikariDataSource(config);
    }

    private static HikariDataSource sqlitePool(String jdbcUrl, String name, int size,
                                               SQLiteConfig.TransactionMode mode, String initSql) {
        SQLiteConfig sqlite = new SQLiteConfig();
        sqlite.setJournalMode(SQLiteConfig.JournalMode.WAL);
        sqlite.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        sqlite.enforceForeignKeys(true);
        sqlite.setBusyTimeout(SQLITE_BUSY_TIMEOUT_MILLIS);
        sqlite.setTransactionMode(mode);
        SQLiteDataSource dataSource = new SQLiteDataSource(sqlite);
        dataSource.setUrl(jdbcUrl);

        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(size);
        config.setConnectionInitSql(initSql);
        countInMetrics(config);
        return new HikariDataSource(config);
    }

    /** The pool reports its connections, waits and timeouts (hikaricp_* in GET /metrics) through Micrometer's global registry. */
    private static void countInMetrics(HikariConfig config) {
        config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(Metrics.globalRegistry));
    }

    /** The database file of a SQLite URL; in-memory databases are refused (each connection would get its own). */
    private static Path sqliteFile(String jdbcUrl) {
        String rest = jdbcUrl.substring(SQLITE_PREFIX.length());
        int query = rest.indexOf('?');
        String file = query < 0 ? rest : rest.substring(0, query);
        if (file.startsWith("file:")) {
            file = file.substring("file:".length());
        }
        if (file.isEmpty() || file.equals(":memory:") || rest.contains("mode=memory")) {
            throw new IllegalArgumentException("jdbcUrl " + jdbcUrl
                    + " must name a database file; in-memory SQLite databases are not shared between connections");
        }
        return Path.of(file);
    }
}
