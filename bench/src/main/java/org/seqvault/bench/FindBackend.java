package org.seqvault.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** The metadata database a find measurement runs on: SeqVault's default SQLite file, or PostgreSQL. */
sealed interface FindBackend extends AutoCloseable {
    String name();

    /** Extra `serve` arguments that point the server at this database. */
    List<String> serverArgs();

    Connection connect() throws SQLException;

    boolean postgres();

    @Override
    void close() throws IOException;

    /** SQLite in the server's data directory, where `serve` puts it by default. */
    record Sqlite(Path dataDir) implements FindBackend {
        @Override
        public String name() {
            return "SQLite";
        }

        @Override
        public List<String> serverArgs() {
            return List.of();
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("seqvault.db"));
        }

        @Override
        public boolean postgres() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    /**
     * PostgreSQL 18 from the embedded binaries on Maven Central, with durable commits (fsync and
     * synchronous_commit on, unlike the library's test defaults).
     */
    final class Postgres implements FindBackend {
        private final EmbeddedPostgres pg;

        Postgres(Path dir) throws IOException {
            Files.createDirectories(dir);
            this.pg = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("pgdata"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("shared_buffers", "512MB")
                    .start();
        }

        @Override
        public String name() {
            return "PostgreSQL";
        }

        @Override
        public List<String> serverArgs() {
            return List.of("--db-url", "jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres", "--db-user", "postgres");
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.getPort() + "/postgres", "postgres", "");
        }

        @Override
        public boolean postgres() {
            return true;
        }

        @Override
        public void close() throws IOException {
            pg.close();
        }
    }
}
