package org.seqvault.service.upload;

import java.time.Duration;

/**
 * Upload limits.
 *
 * @param maxFormUpload     largest v1 form upload (bytes)
 * @param singlePutLimit    largest size handed out as one presigned PUT; above it, parts
 * @param maxFileSize       largest file at all (S3's 5 TiB)
 * @param presignTtl        lifetime of a presigned URL
 * @param uploadTtl         how long an unconfirmed upload lives before it expires
 * @param finishedRetention how long a finished session (done, aborted, expired) is kept past its
 *                          expiry time, so completing it again still answers; then it is deleted
 */
public record UploadSettings(long maxFormUpload, long singlePutLimit, long maxFileSize, Duration presignTtl,
                             Duration uploadTtl, Duration finishedRetention) {
    public static final long MAX_PARTS = 10_000;
    /** The largest file at all: S3's 5 TiB, which local files share so both stores take the same files. */
    public static final long MAX_FILE_SIZE = 5L << 40;
    public static final long MIN_AUTO_PART_SIZE = 64L << 20;
    /** What {@link #finishedRetention} is when nothing sets it. */
    public static final Duration DEFAULT_FINISHED_RETENTION = Duration.ofDays(7);

    /** The settings with the default retention of finished sessions. */
    public UploadSettings(long maxFormUpload, long singlePutLimit, long maxFileSize, Duration presignTtl,
                          Duration uploadTtl) {
        this(maxFormUpload, singlePutLimit, maxFileSize, presignTtl, uploadTtl, DEFAULT_FINISHED_RETENTION);
    }

    /** The part size for a v1 multi-part upload: at least 64 MiB, and large enough for 10,000 parts. */
    public long partSizeFor(long size) {
        long needed = (size + MAX_PARTS - 1) / MAX_PARTS;
        long mib = 1L << 20;
        long rounded = (needed + mib - 1) / mib * mib;
        return Math.min(Math.max(MIN_AUTO_PART_SIZE, rounded), singlePutLimit);
    }
}
