package org.seqvault.service.upload;

import java.time.Duration;

/**
 * Upload limits.
 *
 * @param maxFormUpload  largest v1 form upload (bytes)
 * @param singlePutLimit largest size handed out as one presigned PUT; above it, parts
 * @param maxFileSize    largest file at all (S3's 5 TiB)
 * @param presignTtl     lifetime of a presigned URL
 * @param uploadTtl      how long an unconfirmed upload lives before it expires
 */
public record UploadSettings(long maxFormUpload, long singlePutLimit, long maxFileSize, Duration presignTtl,
                             Duration uploadTtl) {
    public static final long MAX_PARTS = 10_000;
    public static final long MIN_AUTO_PART_SIZE = 64L << 20;

    /** The part size for a v1 multi-part upload: at least 64 MiB, and large enough for 10,000 parts. */
    public long partSizeFor(long size) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        long mib = 1L << 20;
        long rounded = (needed + mib - 1) / mib * mib;
        return Math.min(Math.max(MIN_AUTO_PART_SIZE, rounded), singlePutLimit);
    }
}
