package org.seqvault.server.api;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.seqvault.testkit.stores.S3TestServer;

/**
 * The blob-store settings of a test server, and what to clean up after it: an S3 blob store
 * lives under its own key prefix on the S3Proxy this JVM shares, and empties that prefix when
 * closed. {@link Backend} lists which blob store each backend uses.
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

    /**
     * True when presigned part URLs point at SeqVault itself (local files), so refusals come in
     * SeqVault's error format; false when they point at the object store, which answers itself.
     * Download URLs are SeqVault's on every backend.
     */
    boolean servedBySeqVault();

    /** The shape of the presigned URLs this store hands out, given the server's public URL. */
    PresignedUrlForm presignedUrls(String publicUrl);

    /** Removes what the store holds outside the server's data directory; nothing for local files. */
    @Override
    default void close() {
    }

    /** Local files in the server's data directory. */
    static TestBlobStore files(Path dataDir) {
        return new Files("file:" + dataDir.resolve("blobs"));
    }

    /**
     * A key prefix of its own on the S3Proxy this JVM shares (SigV4 checked). The server takes
     * S3 credentials from the AWS SDK's default chain, as in production; the chain's first link,
     * the aws.accessKeyId/aws.secretAccessKey system properties, carries the test server's keys.
     */
    static TestBlobStore s3(Path dataDir) {
        S3TestServer s3 = S3TestServer.shared();
        System.setProperty("aws.accessKeyId", S3TestServer.ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", S3TestServer.SECRET_KEY);
        return new S3(s3, "api-" + S3.FIXTURES.incrementAndGet());
    }

    record Files(String uri) implements TestBlobStore {
        @Override
        public boolean servedBySeqVault() {
            return true;
        }

        @Override
        public PresignedUrlForm presignedUrls(String publicUrl) {
            return new PresignedUrlForm.Files(publicUrl);
        }
    }

    record S3(S3TestServer server, String prefix) implements TestBlobStore {
        static final AtomicInteger FIXTURES = new AtomicInteger();

        @Override
        public String uri() {
            return server.blobStoreUri(prefix);
        }

        @Override
        public String s3Endpoint() {
            return server.endpoint().toString();
        }

        @Override
        public String s3Region() {
            return S3TestServer.REGION;
        }

        @Override
        public boolean s3PathStyle() {
            return true;
        }

        @Override
        public boolean servedBySeqVault() {
            return false;
        }

        @Override
        public PresignedUrlForm presignedUrls(String publicUrl) {
            return new PresignedUrlForm.S3(publicUrl, server.endpoint(), S3TestServer.BUCKET, prefix + "/",
                    S3TestServer.ACCESS_KEY, S3TestServer.REGION);
        }

        @Override
        public void close() {
            server.clear(prefix);
        }
    }
}
