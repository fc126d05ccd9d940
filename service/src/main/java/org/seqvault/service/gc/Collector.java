package org.seqvault.service.gc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.seqvault.domain.UploadState;
import org.seqvault.service.port.BlobRepository;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.upload.UploadService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reclaims bytes nothing points to: expires overdue uploads, purges trash items past their expiry,
 * deletes blobs no file (in the namespace or a trash) references, and removes blobs or staging
 * areas the database does not know (left by a crash); deletes finished upload sessions once their
 * retention has passed.
 *
 * <p>A pass costs what changed since the last one, not what exists: it looks only at the blob
 * ids noted in the database when they may have become reclaimable (a file deleted, an upload
 * ended without publishing; see {@link org.seqvault.service.port.BlobRepository#noteReclaimable}),
 * and lists the staging areas (uploads in flight). Listing every blob in the store, for bytes no
 * note knows of (left by a crash of an earlier version, or by an assembly cut off on another
 * replica), is a sweep that one replica does once per {@link #SWEEP_INTERVAL}, or on demand.
 */
public final class Collector {
    private static final Logger LOG = LoggerFactory.getLogger(Collector.class);
    private static final int BATCH = 500;
    /** How often, across all replicas, the whole blob store is listed for bytes no row or note knows. */
    public static final Duration SWEEP_INTERVAL = Duration.ofDays(1);

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

    /**
     * What one pass reclaimed.
     *
     * @param expiredTrash items of projects' trash past their expiry (or emptied), purged: their blobs
     *                     are then reclaimed with the others in the same pass unless a file still uses them
     * @param deletedBlobs blobs no file pointed to any more, row and bytes deleted
     * @param orphanBlobs  noted blobs without a row (an upload that ended unpublished, bytes a crash
     *                     left), whose bytes were deleted where any were left
     * @param prunedUploads finished upload sessions deleted after their retention
     * @param swept        whether this pass listed the whole blob store
     */
    public record Report(int expiredUploads, int expiredTrash, int deletedBlobs, int orphanBlobs, int orphanStagings,
                         int prunedUploads, boolean swept) {
    }

    /** One pass; it sweeps the whole blob store only when no replica has for {@link #SWEEP_INTERVAL}. */
    public Report collect() throws IOException {
        return collect(false);
    }

    /** One pass that sweeps the whole blob store whenever the last sweep was ({@code seqvault collect --sweep}). */
    public Report collectAndSweep() throws IOException {
        return collect(true);
    }

    private Report collect(boolean forceSweep) throws IOException {
        int expired = 0;
        for (int n; (n = uploads.expireOverdue(BATCH)) > 0; ) {
            expired += n;
        }
        int pruned = 0;
        for (int n; (n = uploads.pruneFinished(BATCH)) > 0; ) {
            pruned += n;
        }
        Instant now = clock.now();
        int expiredTrash = purgeExpiredTrash(now);
        boolean due = store.write(tx -> tx.blobs().claimSweep(now, now.minus(SWEEP_INTERVAL)));
        boolean swept = due || forceSweep;
        if (swept) {
            noteEverythingReclaimable();
        }
        Released released = releaseNoted();
        int orphanStagings = deleteOrphanStagings();
        Report report = new Report(expired, expiredTrash, released.withRow, released.withoutRow, orphanStagings,
                pruned, swept);
        if (expired + expiredTrash + released.withRow + released.withoutRow + orphanStagings + pruned > 0 || swept) {
            LOG.info("collector: {}", report);
        }
        return report;
    }

    private record Released(int withRow, int withoutRow) {
    }

    /**
     * Deletes every trash item whose expiry has passed, {@link #BATCH} nodes per transaction (a trashed
     * folder may hold many), noting their blobs, which {@link #releaseNoted} then looks at.
     */
    private int purgeExpiredTrash(Instant now) {
        int purged = 0;
        while (true) {
            List<String> expired = store.read(tx -> tx.trash().expired(now, BATCH));
            for (String id : expired) {
                int nodes = 0;
                int batch;
                do {
                    batch = store.write(tx -> tx.trash().purge(id, BATCH));
                    nodes += batch;
                } while (batch == BATCH); // more nodes in this item; its row goes with the last batch
                if (nodes > 0) { // else another replica purged it first
                    purged++;
                }
            }
            if (expired.size() < BATCH) {
                return purged;
            }
        }
    }

    /**
     * Deletes the blobs noted since the last pass that no file points to and no upload is
     * assembling: the row first, then the bytes, then the note, so a crash in between leaves the
     * note for the next pass.
     */
    private Released releaseNoted() throws IOException {
        int withRow = 0;
        int withoutRow = 0;
        String after = null;
        while (true) {
            String from = after;
            List<String> noted = store.read(tx -> tx.blobs().reclaimable(from, BATCH));
            if (noted.isEmpty()) {
                break;
            }
            List<BlobRepository.Released> released = store.write(tx -> tx.blobs().releaseUnreferenced(noted));
            for (BlobRepository.Released blob : released) {
                blobs.delete(blob.id());
                if (blob.hadRow()) {
                    withRow++;
                } else {
                    withoutRow++;
                }
            }
            if (!released.isEmpty()) {
                store.write(tx -> {
                    tx.blobs().forgetReclaimed(released.stream().map(BlobRepository.Released::id).toList());
                    return null;
                });
            }
            if (noted.size() < BATCH) {
                break;
            }
            after = noted.get(noted.size() - 1);
        }
        return new Released(withRow, withoutRow);
    }

    /**
     * The sweep: notes every blob in the store that has no row, and every row no file points to;
     * {@link #releaseNoted} then decides on them as on any note. The store is listed before the
     * database is read, so a blob published meanwhile is seen as known; and one being assembled
     * is kept when its note is looked at.
     */
    private void noteEverythingReclaimable() throws IOException {
        try (Stream<String> ids = blobs.blobIds()) {
            Iterator<String> listed = ids.iterator();
            List<String> batch = new ArrayList<>(BATCH);
            while (listed.hasNext()) {
                batch.add(listed.next());
                if (batch.size() == BATCH || !listed.hasNext()) {
                    List<String> listedBatch = List.copyOf(batch);
                    store.write(tx -> {
                        Set<String> known = tx.blobs().existing(listedBatch);
                        listedBatch.stream().filter(id -> !known.contains(id)).forEach(tx.blobs()::noteReclaimable);
                        return null;
                    });
                    batch.clear();
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        store.write(tx -> tx.blobs().noteAllUnreferenced());
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
