package org.seqvault.service.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UploadState;

public interface UploadRepository {
    void insert(UploadSession session);

    Optional<UploadSession> byId(String id);

    /**
     * Moves the session from {@code expected} to the new state (with blob/file id); false when it was
     * not in {@code expected}. A session that ends ABORTED or EXPIRED with a blob id notes that blob
     * for the collector ({@link BlobRepository#noteReclaimable}): bytes may have been assembled for it.
     */
    boolean transition(String id, UploadState expected, UploadState next, String blobId, String fileId);

    /**
     * Records a part (a re-sent part replaces the earlier one) and returns the replaced part's
     * locator, so its bytes can be dropped.
     */
    Optional<String> putPart(UploadPart part);

    /** The session's parts ordered by part number. */
    List<UploadPart> parts(String uploadId);

    /** Sessions still OPEN (or stuck COMPLETING) whose expiry is before {@code now}. */
    List<UploadSession> expired(Instant now, int limit);

    /** One offset page of a user's OPEN sessions, newest first (the Seven Bridges listing). */
    List<UploadSession> openForUser(String userId, long offset, int limit);

    /** How many OPEN sessions a user has. */
    long countOpenForUser(String userId);

    /**
     * Deletes up to {@code limit} finished sessions (DONE, ABORTED, EXPIRED) whose expiry is
     * before {@code expiredBefore}, with their parts; returns how many.
     */
    int deleteFinished(Instant expiredBefore, int limit);

    /** Blob ids that COMPLETING sessions are assembling into; the collector must not touch them. */
    List<String> blobsBeingAssembled();

    /** Drops parts rows of a finished session. */
    void deleteParts(String uploadId);
}
