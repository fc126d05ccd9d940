package org.seqvault.store.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;
import org.seqvault.testkit.stores.TestPostgres;
import org.sqlite.SQLiteDataSource;

/** The databases a store test can run on. */
enum TestDatabase {
    SQLITE,
    POSTGRESQL;

    /** A new, empty database: for SQLite a file in {@code dir}, for PostgreSQL one on the embedded server. */
    Location create(Path dir) {
        if (this == SQLITE) {
            return new Location("jdbc:sqlite:" + dir.resolve("seqvault.db"), null, null);
        }
        TestPostgres.Database db = TestPostgres.newDatabase();
        return new Location(db.jdbcUrl(), db.user(), db.password());
    }

    /** A bare SQLite file, for tests of the pieces below the store (statement cache, connections, columns). */
    static SQLiteDataSource sqliteFile(Path file) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + file);
        return source;
    }

    /** One statement with its arguments, for tests that write rows as another version of SeqVault would. */
    static void sql(Connection c, String statement, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ps.executeUpdate();
        }
    }

    /** Where a database is; every {@link #open} is another store on it, as another replica would have. */
    record Location(String jdbcUrl, String user, String password) {
        SqlMetadataStore open() {
            return SqlMetadataStore.open(jdbcUrl, user, password);
        }

        /** The schema as migrations up to {@code version} left it: an installation of an earlier release. */
        void migrateTo(String version) {
            Dialect dialect = Dialect.forUrl(jdbcUrl);
            Flyway.configure().dataSource(jdbcUrl, user, password)
                    .locations(dialect.migrationLocations().toArray(String[]::new))
                    .placeholders(dialect.migrationPlaceholders())
                    .target(version)
                    .load()
                    .migrate();
        }
    }
}
