package org.seqvault.reliability.backend;

import org.seqvault.store.s3.S3Location;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store's blobs as objects: {@code <prefix>blobs/<id>}, one object per blob. Changing one
 * is overwriting it with a plain PUT, as anyone holding the bucket's credentials could.
 */
final class BlobObjects implements StoredBlobs {
    private final S3Client s3;
    private final S3Location location;

    BlobObjects(S3Client s3, String blobStoreUri) {
        this.s3 = s3;
        this.location = S3Location.parse(blobStoreUri);
    }

    @Override
    public void flipOneByte(String blobId, long offset) {
        byte[] bytes = s3.getObjectAsBytes(r -> r.bucket(location.bucket()).key(key(blobId))).asByteArray();
        int at = (int) (offset % bytes.length);
        bytes[at] ^= 0x01;
        s3.putObject(r -> r.bucket(location.bucket()).key(key(blobId)), RequestBody.fromBytes(bytes));
    }

    @Override
    public void delete(String blobId) {
        s3.deleteObject(r -> r.bucket(location.bucket()).key(key(blobId)));
    }

    private String key(String blobId) {
        return location.prefix() + "blobs/" + blobId;
    }
}
