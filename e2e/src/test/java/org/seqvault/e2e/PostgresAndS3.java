package org.seqvault.e2e;

import java.util.Map;
import org.seqvault.testkit.stores.S3TestServer;
import org.seqvault.testkit.stores.TestPostgres;

/** The settings a server process (or several replicas) needs to keep its metadata in PostgreSQL and its bytes in S3. */
final class PostgresAndS3 {
    private PostgresAndS3() {
    }

    /** {@code db} and a key prefix of {@code s3}'s bucket, path-style, with the test credentials and a signing key. */
    static Map<String, String> settings(TestPostgres.Database db, S3TestServer s3, String prefix, String signingKey) {
        return Map.of(
                "SEQVAULT_DB_URL", db.jdbcUrl(),
                "SEQVAULT_DB_USER", db.user(),
                "SEQVAULT_BLOB_STORE", s3.blobStoreUri(prefix),
                "SEQVAULT_S3_ENDPOINT", s3.endpoint().toString(),
                "SEQVAULT_S3_REGION", S3TestServer.REGION,
                "SEQVAULT_S3_PATH_STYLE", "true",
                "AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY,
                "AWS_SECRET_ACCESS_KEY", S3TestServer.SECRET_KEY,
                "SEQVAULT_SIGNING_KEY", signingKey);
    }
}
