package org.seqvault.store.sql;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;
import org.seqvault.domain.Blob;
import org.seqvault.service.port.BlobRepository;

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

    /** Old enough, pointed to by no node, and not the target of an assembly in progress. */
    @Override
    public List<Blob> unreferenced(Instant before, int limit) {
        return handle.createQuery(SELECT + """
                         WHERE b.created_at < :before
                          AND NOT EXISTS (SELECT 1 FROM nodes n WHERE n.blob_id = b.id)
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

    @Override
    public List<Blob> page(String afterId, int limit) {
        Query query = afterId == null
                ? handle.createQuery(SELECT + " ORDER BY b.id LIMIT :limit")
                : handle.createQuery(SELECT + " WHERE b.id > :afterId ORDER BY b.id LIMIT :limit").bind("afterId", afterId);
        return query.bind("limit", limit).map(MAPPER).list();
    }
}
