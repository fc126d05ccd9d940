package org.seqvault.service.gc;

import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.seqvault.domain.Blob;
import org.seqvault.domain.UploadState;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.upload.UploadService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims bytes nothing points to: expires overdue uploads, deletes blobs no file references,
 * and removes blob or staging directories the database does not know (left by a crash). Also
 * deletes finished upload sessions once their retention has passed.
 */
public final class Collector {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    private static final int BATCH = 500;

    private final MetadataStore store;
    private final BlobStore blobs;
    private final UploadService uploads;
    private final Clock clock;

    public Collector(MetadataStore store, BlobStore blobs, UploadService uploads, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.uploads = uploads;
        this.clock = clock;
    }

    /** What one pass reclaimed. */
    public record Report(int expiredUploads, int deletedBlobs, int orphanBlobs, int orphanStagings,
                         int prunedUploads) {
    }

    public Report collect() throws IOException {
        int expired = 0;
        for (int n; (n = uploads.expireOverdue(BATCH)) > 0; ) {
            expired += n;
        }
        int pruned = 0;
        for (int n; (n = uploads.pruneFinished(BATCH)) > 0; ) {
            pruned += n;
        }
        int deleted = deleteUnreferenced();
        int orphanBlobs = deleteOrphanBlobs();
        int orphanStagings = deleteOrphanStagings();
        Report report = new Report(expired, deleted, orphanBlobs, orphanStagings, pruned);
        if (expired + deleted + orphanBlobs + orphanStagings + pruned > 0) {
            LOG.info("collector: {}", report);
        }
        return report;
    }

    private int deleteUnreferenced() throws IOException {
        int deleted = 0;
        while (true) {
            List<Blob> batch = store.read(tx -> tx.blobs().unreferenced(clock.now(), BATCH));
            if (batch.isEmpty()) {
                return deleted;
            }
            for (Blob blob : batch) {
                // The row goes first: a crash after it leaves an orphan directory, which the next pass removes.
                store.write(tx -> {
                    tx.blobs().delete(blob.id());
                    return null;
                });
                blobs.delete(blob.id());
                deleted++;
            }
            if (batch.size() < BATCH) {
                return deleted;
            }
        }
    }

    /** Blob directories with no row. The inventory is read before the database, so a blob published meanwhile is seen as known. */
    private int deleteOrphanBlobs() throws IOException {
        Set<String> onDisk;
        try (Stream<String> ids = blobs.blobIds()) {
            onDisk = ids.collect(Collectors.toCollection(HashSet::new));
        }
        if (onDisk.isEmpty()) {
            return 0;
        }
        Set<String> assembling = new HashSet<>(store.read(tx -> tx.uploads().blobsBeingAssembled()));
        int deleted = 0;
        for (String id : onDisk) {
            if (!assembling.contains(id) && store.read(tx -> !tx.blobs().exists(id))) {
                blobs.delete(id);
                deleted++;
            }
        }
        return deleted;
    }

    /** Staging directories whose upload is unknown or over. */
    private int deleteOrphanStagings() throws IOException {
        Set<String> staged;
        try (Stream<String> ids = blobs.stagedUploadIds()) {
            staged = ids.collect(Collectors.toCollection(HashSet::new));
        }
        int deleted = 0;
        for (String id : staged) {
            var session = store.read(tx -> tx.uploads().byId(id));
            boolean live = session.map(s -> s.state() == UploadState.OPEN || s.state() == UploadState.COMPLETING)
                    .orElse(false);
            // A form upload stages bytes before its session row exists; give those a grace period.
            boolean young = session.isEmpty() && blobs.stagedRecently(id);
            if (!live && !young) {
                blobs.discardUpload(id);
                deleted++;
            }
        }
        return deleted;
    }
}
