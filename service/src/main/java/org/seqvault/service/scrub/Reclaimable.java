package org.seqvault.service.scrub;

import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.seqvault.domain.UploadState;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.MetadataStore;

/**
 * Bytes the collector will reclaim: what a crash, a delete or an abandoned upload left behind.
 * Scrub reports them (they are no damage, only space), and the crash tests use them to check that
 * nothing stays unreferenced after a collector pass.
 *
 * @param orphanBlobs        blobs in the store that no database row knows and no upload is assembling
 * @param unreferencedBlobs  blob rows that no file points to any more (deleted or replaced files)
 * @param staleStagings      staging areas of no live upload, untouched for over an hour: the collector's next pass removes them
 * @param recentStagings     staging areas of no live upload touched within the hour: a form upload streams its file
 *                           before its session exists, so the collector spares these until they are an hour old
 */
public record Reclaimable(long orphanBlobs, long unreferencedBlobs, long staleStagings, long recentStagings) {

    public boolean nothing() {
        return orphanBlobs + unreferencedBlobs + staleStagings + recentStagings == 0;
    }

    /** Takes stock the way the collector does: the store's inventory is listed before the database is read. */
    public static Reclaimable survey(MetadataStore store, BlobStore blobs, Instant now) throws IOException {
        Set<String> onDisk;
        try (Stream<String> ids = blobs.blobIds()) {
            onDisk = ids.collect(Collectors.toCollection(HashSet::new));
        }
        Set<String> staged;
        try (Stream<String> ids = blobs.stagedUploadIds()) {
            staged = ids.collect(Collectors.toCollection(HashSet::new));
        }
        Set<String> assembling = new HashSet<>(store.read(tx -> tx.uploads().blobsBeingAssembled()));
        long orphans = onDisk.stream()
                .filter(id -> !assembling.contains(id) && store.read(tx -> !tx.blobs().exists(id)))
                .count();
        long unreferenced = countUnreferenced(store, now);
        long stale = 0;
        long recent = 0;
        for (String uploadId : staged) {
            boolean live = store.read(tx -> tx.uploads().byId(uploadId))
                    .map(s -> s.state() == UploadState.OPEN || s.state() == UploadState.COMPLETING)
                    .orElse(false);
            if (!live) {
                if (blobs.stagedRecently(uploadId)) {
                    recent++;
                } else {
                    stale++;
                }
            }
        }
        return new Reclaimable(orphans, unreferenced, stale, recent);
    }

    private static long countUnreferenced(MetadataStore store, Instant now) {
        // Rows are small, and only deleted files' blobs awaiting the collector are counted.
        return store.read(tx -> tx.blobs().unreferenced(now, Integer.MAX_VALUE)).size();
    }
}
