package org.seqvault.store.sql;

import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date with the migrations in db/migration, shared by both databases,
 * plus the few a database has alone (db/postgresql: planner statistics SQLite has no form of;
 * db/postgresql and db/sqlite: triggers, whose syntax differs).
 */
final class Migrations {
    private Migrations() {
    }

    /**
     * Runs on its own short-lived connection rather than a pool: SQLite's writer pool has a
     * single connection, and on SQLite migrations that rebuild tables want foreign keys off,
     * which is the driver's default for a plain connection.
     */
    static void apply(Dialect dialect, String jdbcUrl, String user, String password) {
        Flyway.configure()
                .dataSource(jdbcUrl, user, password)
                .locations(dialect.migrationLocations().toArray(String[]::new))
                .placeholders(dialect.migrationPlaceholders())
                .load()
                .migrate();
    }
}
