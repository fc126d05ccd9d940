package org.seqvault.reliability.backend;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.seqvault.testkit.stores.S3TestServer;
import org.seqvault.testkit.stores.TestPostgres;

/**
 * PostgreSQL metadata and S3 bytes: the production backend, and the one place where it plugs
 * into every harness of this module (select it with {@code -Dreliability.backends=postgres-s3}
 * or {@code sqlite-files,postgres-s3}). Self-contained: an embedded PostgreSQL 18 and an S3Proxy
 * that checks SigV4 signatures run in the test JVM, started on first use; every server gets a
 * database and a key prefix of its own, and server processes reach both over loopback.
 */
public final class PostgresS3Backend implements Backend {
    public static final String NAME = "postgres-s3";
    private static final AtomicInteger SERVERS = new AtomicInteger();
    /** Replicas must share one signing key, so the server insists on one being configured here. */
    private static final String SIGNING_KEY = "reliability-signing-key-0123456789abcdef";

    private final Supplier<S3TestServer> s3;

    /** On the S3Proxy the whole test JVM shares. */
    public PostgresS3Backend() {
        this(SharedS3::server);
    }

    /** On an S3Proxy of the caller's own (one that injects faults, say), which the caller stops. */
    public PostgresS3Backend(S3TestServer s3) {
        this(() -> s3);
    }

    private PostgresS3Backend(Supplier<S3TestServer> s3) {
        this.s3 = s3;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> freshStore(Path dataDir) {
        S3TestServer s3 = this.s3.get();
        TestPostgres.Database db = TestPostgres.newDatabase();
        Map<String, String> settings = new HashMap<>();
        settings.put("SEQVAULT_DATA_DIR", dataDir.toString());
        settings.put("SEQVAULT_DB_URL", db.jdbcUrl());
        settings.put("SEQVAULT_DB_USER", db.user());
        settings.put("SEQVAULT_BLOB_STORE", s3.blobStoreUri("server-" + SERVERS.incrementAndGet()));
        settings.put("SEQVAULT_S3_ENDPOINT", s3.endpoint().toString());
        settings.put("SEQVAULT_S3_REGION", S3TestServer.REGION);
        settings.put("SEQVAULT_S3_PATH_STYLE", "true");
        settings.put("SEQVAULT_SIGNING_KEY", SIGNING_KEY);
        settings.put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
        settings.put("AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY);
        return settings;
    }

    @Override
    public boolean bytesOnLocalDisk() {
        return false;
    }

    /** S3 refuses to join parts below 5 MiB (all but the last). */
    @Override
    public long smallestPart() {
        return 5L << 20;
    }

    @Override
    public StoredBlobs storedBlobs(Map<String, String> settings) {
        return new BlobObjects(s3.get().client(), settings.get("SEQVAULT_BLOB_STORE"));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
