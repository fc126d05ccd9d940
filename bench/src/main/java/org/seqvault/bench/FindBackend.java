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
        /** Above this many files the WAL may grow past PostgreSQL's default 1 GB between checkpoints. */
        private static final int LARGE_LOAD_FILES = 1_000_000;

        private final EmbeddedPostgres pg;

        Postgres(Path dir) throws IOException {
            this(dir, 0);
        }

        /**
         * For a load of {@code files} files above 1M (bench/run --scale), checkpoints are spaced by 8 GB of
         * WAL instead of 1 GB: with the default, a 10M-file load checkpoints every 20 s or so, and each
         * checkpoint makes the next change to every page write the whole page into the WAL again. The
         * load still ends with a CHECKPOINT, so it is as durable; the 1M run keeps the defaults.
         */
        Postgres(Path dir, int files) throws IOException {
            Files.createDirectories(dir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("pgdata"))
                    .setCleanDataDirectory(true)
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("shared_buffers", "512MB");
            if (files > LARGE_LOAD_FILES) {
                builder.setServerConfig("max_wal_size", "8GB").setServerConfig("checkpoint_timeout", "30min");
            }
            this.pg = builder.start();
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
