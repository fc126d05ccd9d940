package org.seqvault.store.s3;

import org.seqvault.service.port.Clock;
import org.seqvault.testkit.stores.S3TestServer;

/** This module's stores on the test S3: settings for a key prefix of its bucket, and stores opened on them. */
final class S3TestStores {
    private S3TestStores() {
    }

    /** Settings for {@link S3TestServer#BUCKET} under {@code prefix} ("" for the bucket's root), path-style. */
    static S3Settings settings(S3TestServer s3, String prefix) {
        return new S3Settings(new S3Location(S3TestServer.BUCKET, prefix), s3.endpoint(), S3TestServer.REGION, true);
    }

    static S3BlobStore store(S3TestServer s3, String prefix, Clock clock) {
        return S3BlobStore.open(settings(s3, prefix), s3.credentials(), clock);
    }

    /** A store that cuts streamed parts into chunks of {@code chunkSize} (at least 5 MiB). */
    static S3BlobStore store(S3TestServer s3, String prefix, Clock clock, int chunkSize) {
        S3Settings settings = settings(s3, prefix);
        return new S3BlobStore(settings.location(), S3Clients.client(settings, s3.credentials()),
                S3Clients.presigner(settings, s3.credentials()), clock, chunkSize);
    }
}
