package org.seqvault.store.s3;

/**
 * Where an upload part's bytes are in S3: a range of part numbers of one S3 multipart upload.
 * A part a client PUT to a presigned URL is exactly one S3 part (the same number); a part the
 * server streamed in is cut into as many S3 parts as its length needed. Rendered as
 * {@code <first>-<last>@<s3UploadId>} in {@link org.seqvault.domain.UploadPart#locator()}.
 */
record PartLocator(String s3UploadId, int firstS3Part, int lastS3Part) {
    /** S3's limit on part numbers. */
    static final int MAX_S3_PARTS = 10_000;

    PartLocator {
        if (s3UploadId == null || s3UploadId.isEmpty()) {
            throw new IllegalArgumentException("an S3 upload id is required");
        }
        if (firstS3Part < 1 || lastS3Part < firstS3Part || lastS3Part > MAX_S3_PARTS) {
            throw new IllegalArgumentException("S3 part range must lie within 1.." + MAX_S3_PARTS + ": "
                    + firstS3Part + "-" + lastS3Part);
        }
    }

    static PartLocator single(String s3UploadId, int partNumber) {
        return new PartLocator(s3UploadId, partNumber, partNumber);
    }

    static PartLocator parse(String locator) {
        int at = locator == null ? -1 : locator.indexOf('@');
        int dash = at < 0 ? -1 : locator.indexOf('-');
        if (at < 0 || dash < 0 || dash > at) {
            throw new IllegalArgumentException("not an S3 part locator: " + locator);
        }
        try {
            return new PartLocator(locator.substring(at + 1), Integer.parseInt(locator.substring(0, dash)),
                    Integer.parseInt(locator.substring(dash + 1, at)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an S3 part locator: " + locator, e);
        }
    }

    int s3PartCount() {
        return lastS3Part - firstS3Part + 1;
    }

    String render() {
        return firstS3Part + "-" + lastS3Part + "@" + s3UploadId;
    }
}
