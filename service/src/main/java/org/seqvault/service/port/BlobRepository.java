package org.seqvault.service.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.seqvault.domain.Blob;
import org.seqvault.service.scrub.ScrubSummary;

public interface BlobRepository {
    void insert(Blob blob);

    Optional<Blob> byId(String id);

    boolean exists(String id);

    /** Blobs no node (in the namespace or a trash) points to, created before {@code before} (a grace period for publishes in flight). */
    List<Blob> unreferenced(Instant before, int limit);

    void delete(String id);

    // ---- what the collector is to look at ---------------------------------------------------
    //
    // A blob id is noted when its bytes may have become reclaimable: a node pointing to it was
    // deleted (NodeRepository.delete and deleteTree, ProjectRepository.delete, TrashRepository.purge;
    // a node in a trash still points to its blob), an upload that chose it as its
    // blob ended ABORTED or EXPIRED (UploadRepository.transition), or a completion failed after
    // choosing it. The note is written in the same transaction as the change, so the collector
    // looks at what changed instead of at every blob, and a crash loses no note.

    /** Notes a blob id for the collector (noting it twice is fine). */
    void noteReclaimable(String id);

    /** Noted blob ids after {@code afterId} (null: from the start), in id order. */
    List<String> reclaimable(String afterId, int limit);

    /**
     * For each noted id: when no node points to it and no COMPLETING upload is assembling it, deletes
     * its row if it has one and returns it (its note stays until {@link #forgetReclaimed}, so bytes
     * a crash left behind are still found); otherwise drops its note.
     */
    List<Released> releaseUnreferenced(List<String> ids);

    /** Drops the notes of blobs whose bytes are gone. */
    void forgetReclaimed(List<String> ids);

    /** Notes every blob no node points to (the full sweep's look at rows); returns how many were noted. */
    int noteAllUnreferenced();

    /** The ids among {@code ids} that have a row. */
    Set<String> existing(Collection<String> ids);

    /**
     * Claims the full sweep of the blob store for the caller when the last one started before
     * {@code lastBefore}: one caller wins, however many replicas ask at once.
     */
    boolean claimSweep(Instant now, Instant lastBefore);

    /** A blob the collector may now delete the bytes of; {@code hadRow} tells whether its row was deleted too. */
    record Released(String id, boolean hadRow) {
    }

    /** All blobs, by id, one page after {@code afterId} (null: from the start); used by scrub. */
    List<Blob> page(String afterId, int limit);

    /** Keeps the numbers of a finished scrub, replacing the previous ones. */
    void recordScrub(ScrubSummary summary);

    /** The numbers of the last finished scrub, if any ran. */
    Optional<ScrubSummary> lastScrub();
}
