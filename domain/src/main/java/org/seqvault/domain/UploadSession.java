package org.seqvault.domain;

import java.time.Instant;

/**
 * One way in for bytes (v1 form, v1 presigned PUT + confirm, v2 multipart). The target is a
 * parent folder id (v2) or a folder path created on demand at completion (v1). While
 * COMPLETING, {@code blobId} names the blob the parts are being assembled into; when DONE,
 * {@code fileId} names the published file.
 */
public record UploadSession(String id, String userId, String projectId, String parentId, String folderPath,
                            String name, long size, long partSize, int partCount, boolean overwrite,
                            UploadState state, String contentType, String description, String originTask,
                            String blobId, String fileId, String storeUploadId, Instant createdAt, Instant expiresAt) {

    public UploadSession withState(UploadState newState, String newBlobId, String newFileId) {
        return new UploadSession(id, userId, projectId, parentId, folderPath, name, size, partSize, partCount,
                overwrite, newState, contentType, description, originTask, newBlobId, newFileId, storeUploadId,
                createdAt, expiresAt);
    }

    /**
     * The most bytes part {@code partNumber} may hold: its planned length (part size, and what is
     * left for the last part), except that the part before a 1-byte last part may carry that byte
     * and leave the last part empty, as the Seven Bridges client cuts such a file.
     */
    public long partLimit(int partNumber) {
        if (partNumber < 1 || partNumber > partCount) {
            throw new IllegalArgumentException("part " + partNumber + " is not one of the " + partCount + " parts");
        }
        long lastPlanned = size - (partCount - 1) * partSize;
        if (partNumber == partCount) {
            return lastPlanned;
        }
        return partNumber == partCount - 1 && lastPlanned == 1 ? partSize + 1 : partSize;
    }

    /** Number of parts for a size and part size; an empty file still has one (empty) part. */
    public static int partCount(long size, long partSize) {
        if (size == 0) {
            return 1;
        }
        return (int) ((size + partSize - 1) / partSize);
    }
}
