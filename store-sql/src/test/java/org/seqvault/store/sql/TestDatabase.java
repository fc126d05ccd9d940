package org.seqvault.store.sql;

import java.nio.file.Path;
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

    /** Where a database is; every {@link #open} is another store on it, as another replica would have. */
    record Location(String jdbcUrl, String user, String password) {
        SqlMetadataStore open() {
            return SqlMetadataStore.open(jdbcUrl, user, password);
        }
    }
}
