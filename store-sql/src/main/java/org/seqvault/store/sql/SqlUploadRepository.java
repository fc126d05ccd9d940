package org.seqvault.store.sql;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UploadState;
import org.seqvault.service.port.UploadRepository;

final class SqlUploadRepository implements UploadRepository {
    private static final UploadSessionRowMapper SESSIONS = new UploadSessionRowMapper();
    private static final UploadPartRowMapper PARTS = new UploadPartRowMapper();
    private static final String SELECT = "SELECT " + UploadSessionRowMapper.COLUMNS + " FROM uploads";

    private final Handle handle;
    private final Dialect dialect;

    SqlUploadRepository(Handle handle, Dialect dialect) {
        this.handle = handle;
        this.dialect = dialect;
    }

    @Override
    public void insert(UploadSession s) {
        handle.createUpdate("""
                        INSERT INTO uploads (id, user_id, project_id, parent_id, folder_path, name, size, part_size,
                                             part_count, overwrite, state, content_type, description, origin_task,
                                             blob_id, file_id, store_upload_id, created_at, expires_at)
                        VALUES (:id, :userId, :projectId, :parentId, :folderPath, :name, :size, :partSize,
                                :partCount, :overwrite, :state, :contentType, :description, :originTask,
                                :blobId, :fileId, :storeUploadId, :createdAt, :expiresAt)""")
                .bind("id", s.id())
                .bind("userId", s.userId())
                .bind("projectId", s.projectId())
                .bind("parentId", s.parentId())
                .bind("folderPath", s.folderPath())
                .bind("name", s.name())
                .bind("size", s.size())
                .bind("partSize", s.partSize())
                .bind("partCount", s.partCount())
                .bind("overwrite", Columns.flag(s.overwrite()))
                .bind("state", s.state().name())
                .bind("contentType", s.contentType())
                .bind("description", s.description())
                .bind("originTask", s.originTask())
                .bind("blobId", s.blobId())
                .bind("fileId", s.fileId())
                .bind("storeUploadId", s.storeUploadId())
                .bind("createdAt", Micros.of(s.createdAt()))
                .bind("expiresAt", Micros.of(s.expiresAt()))
                .execute();
    }

    @Override
    public Optional<UploadSession> byId(String id) {
        return handle.createQuery(SELECT + " WHERE id = :id").bind("id", id).map(SESSIONS).findOne();
    }

    /**
     * A compare-and-set on the state. A null blob or file id keeps the stored one, so a
     * COMPLETING session's blob id survives its move to DONE.
     */
    @Override
    public boolean transition(String id, UploadState expected, UploadState next, String blobId, String fileId) {
        boolean moved = handle.createUpdate("""
                        UPDATE uploads
                        SET state = :next, blob_id = COALESCE(:blobId, blob_id), file_id = COALESCE(:fileId, file_id)
                        WHERE id = :id AND state = :expected""")
                .bind("next", next.name())
                .bind("blobId", blobId)
                .bind("fileId", fileId)
                .bind("id", id)
                .bind("expected", expected.name())
                .execute() == 1;
        if (moved && (next == UploadState.ABORTED || next == UploadState.EXPIRED)) {
            SqlBlobRepository.noteBlobOfUpload(handle, id);
        }
        return moved;
    }

    /**
     * Reads the part's current locator, then upserts. On PostgreSQL the session row is locked
     * first so two re-sends of one part cannot both miss each other's row; SQLite's single
     * writer already excludes that. A part recorded again under the same locator reports
     * nothing replaced: its bytes are the ones just written.
     */
    @Override
    public Optional<String> putPart(UploadPart part) {
        if (dialect.locksRows()) {
            handle.createQuery("SELECT id FROM uploads WHERE id = :id FOR UPDATE")
                    .bind("id", part.uploadId())
                    .mapTo(String.class)
                    .findOne();
        }
        Optional<String> previous = handle.createQuery(
                        "SELECT locator FROM upload_parts WHERE upload_id = :uploadId AND part_number = :partNumber")
                .bind("uploadId", part.uploadId())
                .bind("partNumber", part.partNumber())
                .mapTo(String.class)
                .findOne();
        handle.createUpdate("""
                        INSERT INTO upload_parts (upload_id, part_number, size, etag, sha256, locator, received_at)
                        VALUES (:uploadId, :partNumber, :size, :etag, :sha256, :locator, :receivedAt)
                        ON CONFLICT (upload_id, part_number) DO UPDATE SET
                            size = excluded.size, etag = excluded.etag, sha256 = excluded.sha256,
                            locator = excluded.locator, received_at = excluded.received_at""")
                .bind("uploadId", part.uploadId())
                .bind("partNumber", part.partNumber())
                .bind("size", part.size())
                .bind("etag", part.etag())
                .bind("sha256", part.sha256())
                .bind("locator", part.locator())
                .bind("receivedAt", Micros.of(part.receivedAt()))
                .execute();
        return previous.filter(locator -> !locator.equals(part.locator()));
    }

    @Override
    public List<UploadPart> parts(String uploadId) {
        return handle.createQuery("SELECT " + UploadPartRowMapper.COLUMNS
                        + " FROM upload_parts WHERE upload_id = :uploadId ORDER BY part_number")
                .bind("uploadId", uploadId)
                .map(PARTS)
                .list();
    }

    @Override
    public List<UploadSession> expired(Instant now, int limit) {
        return handle.createQuery(SELECT
                        + " WHERE state IN ('OPEN', 'COMPLETING') AND expires_at < :now ORDER BY expires_at, id LIMIT :limit")
                .bind("now", Micros.of(now))
                .bind("limit", limit)
                .map(SESSIONS)
                .list();
    }

    /** {@code state = 'OPEN'} is written out (not bound) so both databases match it to the partial index. */
    @Override
    public List<UploadSession> openForUser(String userId, long offset, int limit) {
        return handle.createQuery(SELECT + " WHERE user_id = :userId AND state = 'OPEN'"
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .bind("userId", userId)
                .bind("limit", limit)
                .bind("offset", offset)
                .map(SESSIONS)
                .list();
    }

    @Override
    public long countOpenForUser(String userId) {
        return handle.createQuery("SELECT COUNT(*) FROM uploads WHERE user_id = :userId AND state = 'OPEN'")
                .bind("userId", userId)
                .mapTo(Long.class)
                .one();
    }

    /**
     * Picks a batch through the state index, in no order (a sort would read every session past the
     * cut-off, for each batch of a large backlog), then deletes it by primary key: one DELETE with
     * the pick as a subquery makes PostgreSQL scan the whole table for the join. Parts go by the
     * foreign key's cascade (finished sessions rarely have any left).
     */
    @Override
    public int deleteFinished(Instant expiredBefore, int limit) {
        List<String> ids = handle.createQuery("""
                        SELECT id FROM uploads
                        WHERE state IN ('DONE', 'ABORTED', 'EXPIRED') AND expires_at < :before
                        LIMIT :limit""")
                .bind("before", Micros.of(expiredBefore))
                .bind("limit", limit)
                .mapTo(String.class)
                .list();
        int deleted = 0;
        for (int from = 0; from < ids.size(); from += NodeDetails.CHUNK) {
            SqlFragment sql = new SqlFragment().sql("DELETE FROM uploads WHERE id IN ")
                    .argList(ids.subList(from, Math.min(ids.size(), from + NodeDetails.CHUNK)));
            deleted += handle.createUpdate(sql.text()).bindMap(sql.args()).execute();
        }
        return deleted;
    }

    @Override
    public List<String> blobsBeingAssembled() {
        return handle.createQuery("SELECT blob_id FROM uploads WHERE state = 'COMPLETING' AND blob_id IS NOT NULL")
                .mapTo(String.class)
                .list();
    }

    @Override
    public void deleteParts(String uploadId) {
        handle.createUpdate("DELETE FROM upload_parts WHERE upload_id = :uploadId").bind("uploadId", uploadId).execute();
    }
}
