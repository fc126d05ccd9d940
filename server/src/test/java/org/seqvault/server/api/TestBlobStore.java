package org.seqvault.server.api;

import java.nio.file.Path;

/**
 * The blob-store settings of a test server, and whatever must run beside it while it serves:
 * an S3 blob store brings its endpoint (an in-process S3 server) and closes it afterwards.
 * {@link Backend} lists which blob store each backend uses.
 */
interface TestBlobStore extends AutoCloseable {
    /** SEQVAULT_BLOB_STORE: {@code file:<dir>} or {@code s3://bucket/prefix}. */
    String uri();

    default String s3Endpoint() {
        return null;
    }

    default String s3Region() {
        return null;
    }

    default boolean s3PathStyle() {
        return false;
    }

    /** Stops what runs beside the server; nothing for local files. */
    @Override
    default void close() {
    }

    /** Local files in the server's data directory. */
    static TestBlobStore files(Path dataDir) {
        String uri = "file:" + dataDir.resolve("blobs");
        return () -> uri;
    }
}
