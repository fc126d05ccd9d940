package org.seqvault.reliability.faults;

import java.util.List;
import org.seqvault.store.s3.S3Location;
import software.amazon.awssdk.services.s3.S3Client;

/** What a server's key prefix holds in the bucket, seen with the S3 client behind the server's back. */
final class BucketPrefix {
    private final S3Client s3;
    private final S3Location location;

    BucketPrefix(S3Client s3, String blobStoreUri) {
        this.s3 = s3;
        this.location = S3Location.parse(blobStoreUri);
    }

    /** The objects under the prefix, as keys relative to it (e.g. {@code blobs/<id>}). */
    List<String> objects() {
        return s3.listObjectsV2Paginator(r -> r.bucket(location.bucket()).prefix(location.prefix())).contents()
                .stream().map(o -> o.key().substring(location.prefix().length())).sorted().toList();
    }

    /** The multipart uploads still open under the prefix, as relative keys. */
    List<String> openMultipartUploads() {
        return s3.listMultipartUploadsPaginator(r -> r.bucket(location.bucket()).prefix(location.prefix())).uploads()
                .stream().map(u -> u.key().substring(location.prefix().length())).sorted().toList();
    }
}
