package org.seqvault.store.sql;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.seqvault.domain.Blob;
import org.seqvault.service.port.BlobRepository;
import org.seqvault.service.scrub.ScrubSummary;

final class SqlBlobRepository implements BlobRepository {
    private static final BlobRowMapper MAPPER = new BlobRowMapper();
    private static final String SELECT = "SELECT " + BlobRowMapper.COLUMNS + " FROM blobs b";

    private final Handle handle;

    SqlBlobRepository(Handle handle) {
        this.handle = handle;
    }

    @Override
    public void insert(Blob blob) {
        handle.createUpdate("""
                        INSERT INTO blobs (id, size, md5, sha256, segments, created_at)
                        VALUES (:id, :size, :md5, :sha256, :segments, :createdAt)""")
                .bind("id", blob.id())
                .bind("size", blob.size())
                .bind("md5", Columns.md5(blob.checksums()))
                .bind("sha256", Columns.sha256(blob.checksums()))
                .bind("segments", blob.segments())
                .bind("createdAt", Micros.of(blob.createdAt()))
                .execute();
    }

    @Override
    public Optional<Blob> byId(String id) {
        return handle.createQuery(SELECT + " WHERE b.id = :id").bind("id", id).map(MAPPER).findOne();
    }

    @Override
    public boolean exists(String id) {
        return handle.createQuery("SELECT 1 FROM blobs WHERE id = :id")
                .bind("id", id)
                .mapTo(Integer.class)
                .findFirst()
                .isPresent();
    }

    /** Old enough, pointed to by no node (in the namespace or a trash), and not the target of an assembly in progress. */
    @Override
    public List<Blob> unreferenced(Instant before, int limit) {
        return handle.createQuery(SELECT + """
                         WHERE b.created_at < :before
                          AND NOT EXISTS (SELECT 1 FROM nodes n WHERE n.blob_id = b.id)
                          AND NOT EXISTS (SELECT 1 FROM trashed_nodes t WHERE t.blob_id = b.id)
                          AND NOT EXISTS (SELECT 1 FROM uploads u WHERE u.state = 'COMPLETING' AND u.blob_id = b.id)
                        ORDER BY b.id LIMIT :limit""")
                .bind("before", Micros.of(before))
                .bind("limit", limit)
                .map(MAPPER)
                .list();
    }

    @Override
    public void delete(String id) {
        handle.createUpdate("DELETE FROM blobs WHERE id = :id").bind("id", id).execute();
    }

    // ---- what the collector is to look at ---------------------------------------------------

    /** Notes, for the collector, the blob each node {@code nodesWhere} selects points to (a WHERE on {@code nodes}). */
    static void noteBlobsOfNodes(Handle handle, String nodesWhere, String name, String value) {
        handle.createUpdate("INSERT INTO reclaimable_blobs (blob_id) SELECT DISTINCT blob_id FROM nodes WHERE "
                        + nodesWhere + " AND blob_id IS NOT NULL ON CONFLICT (blob_id) DO NOTHING")
                .bind(name, value)
                .execute();
    }

    /** Notes, for the collector, the blob an upload chose, if any. */
    static void noteBlobOfUpload(Handle handle, String uploadId) {
        handle.createUpdate("""
                        INSERT INTO reclaimable_blobs (blob_id)
                        SELECT blob_id FROM uploads WHERE id = :id AND blob_id IS NOT NULL
                        ON CONFLICT (blob_id) DO NOTHING""")
                .bind("id", uploadId)
                .execute();
    }

    @Override
    public void noteReclaimable(String id) {
        handle.createUpdate("INSERT INTO reclaimable_blobs (blob_id) VALUES (:id) ON CONFLICT (blob_id) DO NOTHING")
                .bind("id", id)
                .execute();
    }

    @Override
    public List<String> reclaimable(String afterId, int limit) {
        return handle.createQuery("""
                        SELECT blob_id FROM reclaimable_blobs WHERE blob_id > :afterId ORDER BY blob_id LIMIT :limit""")
                .bind("afterId", afterId == null ? "" : afterId)
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
    }

    /**
     * A file in a trash still points to its blob. The check and the row's deletion share the
     * transaction; should a node come to point to the blob meanwhile on PostgreSQL, the foreign key
     * refuses the deletion and the whole call fails, leaving every note for the next pass.
     */
    @Override
    public List<Released> releaseUnreferenced(List<String> ids) {
        List<Released> released = new ArrayList<>();
        for (String id : ids) {
            boolean inUse = handle.createQuery("""
                            SELECT 1 WHERE EXISTS (SELECT 1 FROM nodes WHERE blob_id = :id)
                                OR EXISTS (SELECT 1 FROM trashed_nodes WHERE blob_id = :id)
                                OR EXISTS (SELECT 1 FROM uploads WHERE state = 'COMPLETING' AND blob_id = :id)""")
                    .bind("id", id)
                    .mapTo(Integer.class)
                    .findFirst()
                    .isPresent();
            if (inUse) {
                forget(id);
            } else {
                boolean hadRow = handle.createUpdate("DELETE FROM blobs WHERE id = :id").bind("id", id).execute() == 1;
                released.add(new Released(id, hadRow));
            }
        }
        return released;
    }

    @Override
    public void forgetReclaimed(List<String> ids) {
        ids.forEach(this::forget);
    }

    private void forget(String id) {
        handle.createUpdate("DELETE FROM reclaimable_blobs WHERE blob_id = :id").bind("id", id).execute();
    }

    @Override
    public int noteAllUnreferenced() {
        return handle.createUpdate("""
                        INSERT INTO reclaimable_blobs (blob_id)
                        SELECT b.id FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM nodes n WHERE n.blob_id = b.id)
                          AND NOT EXISTS (SELECT 1 FROM trashed_nodes t WHERE t.blob_id = b.id)
                        ON CONFLICT (blob_id) DO NOTHING""")
                .execute();
    }

    @Override
    public Set<String> existing(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Set.of();
        }
        List<String> values = List.copyOf(ids);
        StringJoiner params = new StringJoiner(", ", "SELECT id FROM blobs WHERE id IN (", ")");
        for (int i = 0; i < values.size(); i++) {
            params.add(":id" + i);
        }
        Query query = handle.createQuery(params.toString());
        for (int i = 0; i < values.size(); i++) {
            query.bind("id" + i, values.get(i));
        }
        return new HashSet<>(query.mapTo(String.class).list());
    }

    @Override
    public boolean claimSweep(Instant now, Instant lastBefore) {
        return handle.createUpdate("UPDATE reclaim_sweeps SET started_at = :now WHERE id = 1 AND started_at < :lastBefore")
                .bind("now", Micros.of(now))
                .bind("lastBefore", Micros.of(lastBefore))
                .execute() == 1;
    }

    @Override
    public List<Blob> page(String afterId, int limit) {
        Query query = afterId == null
                ? handle.createQuery(SELECT + " ORDER BY b.id LIMIT :limit")
                : handle.createQuery(SELECT + " WHERE b.id > :afterId ORDER BY b.id LIMIT :limit").bind("afterId", afterId);
        return query.bind("limit", limit).map(MAPPER).list();
    }

    @Override
    public void recordScrub(ScrubSummary summary) {
        handle.createUpdate("""
                INSERT INTO scrub_results (id, finished_at, elapsed_ms, checked_blobs, checked_bytes, corrupt, missing,
                                           unreadable)
                VALUES (1, :finishedAt, :elapsedMs, :checkedBlobs, :checkedBytes, :corrupt, :missing, :unreadable)
                ON CONFLICT (id) DO UPDATE SET finished_at = excluded.finished_at, elapsed_ms = excluded.elapsed_ms,
                    checked_blobs = excluded.checked_blobs, checked_bytes = excluded.checked_bytes,
                    corrupt = excluded.corrupt, missing = excluded.missing, unreadable = excluded.unreadable
                """)
                .bind("finishedAt", Micros.of(summary.finishedAt()))
                .bind("elapsedMs", summary.elapsed().toMillis())
                .bind("checkedBlobs", summary.checkedBlobs())
                .bind("checkedBytes", summary.checkedBytes())
                .bind("corrupt", summary.corrupt())
                .bind("missing", summary.missing())
                .bind("unreadable", summary.unreadable())
                .execute();
    }

    @Override
    public Optional<ScrubSummary> lastScrub() {
        return handle.createQuery("""
                SELECT finished_at, elapsed_ms, checked_blobs, checked_bytes, corrupt, missing, unreadable
                FROM scrub_results WHERE id = 1
                """)
                .map((rs, ctx) -> new ScrubSummary(Micros.toInstant(rs.getLong("finished_at")),
                        Duration.ofMillis(rs.getLong("elapsed_ms")), rs.getLong("checked_blobs"),
                        rs.getLong("checked_bytes"), rs.getLong("corrupt"), rs.getLong("missing"),
                        rs.getLong("unreadable")))
                .findOne();
    }
}
