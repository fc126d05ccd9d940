package org.seqvault.service.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.seqvault.domain.Blob;

public interface BlobRepository {
    void insert(Blob blob);

    Optional<Blob> byId(String id);

    boolean exists(String id);

    /** Blobs no node points to, created before {@code before} (a grace period for publishes in flight). */
    List<Blob> unreferenced(Instant before, int limit);

    void delete(String id);

    /** All blobs, by id, one page after {@code afterId} (null: from the start); used by scrub. */
    List<Blob> page(String afterId, int limit);
}
