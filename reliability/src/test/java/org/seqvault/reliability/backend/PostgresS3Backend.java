package org.seqvault.reliability.backend;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * PostgreSQL metadata and S3 bytes: the production backend, and the one place where it plugs
 * into every harness of this module (select it with {@code -Dreliability.backends=postgres-s3}
 * or {@code sqlite-files,postgres-s3}).
 *
 * <p>Each server gets a database of its own, created on the PostgreSQL server named by
 * {@code RELIABILITY_PG_URL} (a JDBC URL of a database the user may run CREATE DATABASE from,
 * with {@code RELIABILITY_PG_USER}/{@code RELIABILITY_PG_PASSWORD}), and a key prefix of its own
 * in the existing bucket {@code RELIABILITY_S3_BUCKET} at {@code RELIABILITY_S3_ENDPOINT}
 * (path-style, credentials from {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, region
 * {@code RELIABILITY_S3_REGION}, default us-east-1). To run it without outside services, start
 * the embedded PostgreSQL and S3Proxy fixtures of store-sql and store-s3 tests in
 * {@link #freshStore} instead of reading these variables.
 */
public final class PostgresS3Backend implements Backend {
    public static final String NAME = "postgres-s3";
    private static final AtomicInteger SERVERS = new AtomicInteger();
    /** Replicas must share one signing key, so the server insists on one being configured here. */
    private static final String SIGNING_KEY = "reliability-signing-key-0123456789abcdef";

    private final Map<String, String> env;

    public PostgresS3Backend(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> freshStore(Path dataDir) throws SQLException {
        String suffix = ProcessHandle.current().pid() + "_" + SERVERS.incrementAndGet() + "_" + System.nanoTime();
        String adminUrl = required("RELIABILITY_PG_URL");
        String user = env.get("RELIABILITY_PG_USER");
        String password = env.get("RELIABILITY_PG_PASSWORD");
        String database = "seqvault_rel_" + suffix;
        try (Connection c = DriverManager.getConnection(adminUrl, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        Map<String, String> settings = new HashMap<>();
        settings.put("SEQVAULT_DATA_DIR", dataDir.toString());
        settings.put("SEQVAULT_DB_URL", databaseUrl(adminUrl, database));
        putIfPresent(settings, "SEQVAULT_DB_USER", user);
        putIfPresent(settings, "SEQVAULT_DB_PASSWORD", password);
        settings.put("SEQVAULT_BLOB_STORE", "s3://" + required("RELIABILITY_S3_BUCKET") + "/rel-" + suffix);
        settings.put("SEQVAULT_S3_ENDPOINT", required("RELIABILITY_S3_ENDPOINT"));
        settings.put("SEQVAULT_S3_REGION", env.getOrDefault("RELIABILITY_S3_REGION", "us-east-1"));
        settings.put("SEQVAULT_S3_PATH_STYLE", "true");
        settings.put("SEQVAULT_SIGNING_KEY", SIGNING_KEY);
        settings.put("AWS_ACCESS_KEY_ID", required("AWS_ACCESS_KEY_ID"));
        settings.put("AWS_SECRET_ACCESS_KEY", required("AWS_SECRET_ACCESS_KEY"));
        return settings;
    }

    @Override
    public boolean bytesOnLocalDisk() {
        return false;
    }

    @Override
    public String toString() {
        return NAME;
    }

    /** The admin URL with its database name replaced: jdbc:postgresql://host:5432/postgres?x=y → …/database?x=y. */
    static String databaseUrl(String adminUrl, String database) {
        int query = adminUrl.indexOf('?');
        String base = query < 0 ? adminUrl : adminUrl.substring(0, query);
        String params = query < 0 ? "" : adminUrl.substring(query);
        int slash = base.lastIndexOf('/');
        if (slash < "jdbc:postgresql://".length()) {
            throw new IllegalArgumentException("RELIABILITY_PG_URL must name a database: " + adminUrl);
        }
        return base.substring(0, slash + 1) + database + params;
    }

    private String required(String name) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the " + NAME + " backend needs " + name
                    + " (see the javadoc of PostgresS3Backend and docs/reliability.md)");
        }
        return value;
    }

    private static void putIfPresent(Map<String, String> settings, String name, String value) {
        if (value != null && !value.isBlank()) {
            settings.put(name, value);
        }
    }
}
