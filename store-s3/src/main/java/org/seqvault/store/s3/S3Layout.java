package org.seqvault.store.s3;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where things live in the bucket, under the configured prefix:
 * <pre>
 * &lt;prefix&gt;blobs/&lt;blobId&gt;   one object per blob; while its upload is in progress, an S3
 *                          multipart upload on that same key (the blob id is the upload id)
 * </pre>
 * An upload is created at its final key so that completing it is all there is to do: no object
 * is ever copied. Every id that reaches a key is checked here first.
 */
final class S3Layout {
    private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,128}");
    private static final String BLOBS = "blobs/";

    private final String blobsPrefix;

    /** @param prefix "" or a key prefix ending in '/' (see {@link S3Location}) */
    S3Layout(String prefix) {
        this.blobsPrefix = prefix + BLOBS;
    }

    /** The key prefix every blob and upload key starts with: what the collector lists. */
    String blobsPrefix() {
        return blobsPrefix;
    }

    String blobKey(String blobId) {
        return blobsPrefix + requireId(blobId, "blob id");
    }

    /** The id a listed key stands for; empty for a key this layout never writes. */
    Optional<String> idOf(String key) {
        if (key == null || !key.startsWith(blobsPrefix)) {
            return Optional.empty();
        }
        String id = key.substring(blobsPrefix.length());
        return isId(id) ? Optional.of(id) : Optional.empty();
    }

    static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static String requireId(String id, String what) {
        if (!isId(id)) {
            throw new IllegalArgumentException(what + " must be 1 to 128 characters of [a-z0-9_-]: " + id);
        }
        return id;
    }
}
