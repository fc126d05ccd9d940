package org.seqvault.service.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.seqvault.domain.Node;
import org.seqvault.domain.TrashItem;

/**
 * Projects' trash. A trashed node leaves the namespace (no listing, lookup or key of
 * {@link NodeRepository} sees it, and its name is free again) but keeps its id, metadata, tags
 * and blob, which nothing reclaims while it is in the trash. An item whose expiry has passed is
 * neither listed nor restorable; {@link #purge} then deletes it, noting its blobs for the
 * collector ({@link BlobRepository#noteReclaimable}).
 */
public interface TrashRepository {

    /**
     * Moves {@code root} (a folder with everything below it) out of the namespace into its project's
     * trash as one item, in the caller's transaction.
     *
     * @param deletedBy the username of who deleted it
     * @return the new item
     */
    TrashItem put(Node root, String deletedBy, Instant trashedAt, Instant expiresAt);

    /** An item of the project that has not expired at {@code now}. */
    Optional<TrashItem> item(String projectId, String itemId, Instant now);

    /**
     * A page of the project's items that have not expired at {@code now}, the most recently trashed
     * first; only those whose {@link TrashItem#path()} is {@code path} when it is not null.
     */
    List<TrashItem> list(String projectId, String path, Instant now, long offset, int limit);

    /** How many items {@link #list} would show in all. */
    long count(String projectId, String path, Instant now);

    /**
     * Puts an unexpired item back into the namespace with the same ids, metadata and tags: its root
     * under {@code parentId} as {@code name} with v1 key {@code key} (what is below a folder follows),
     * and removes the item. False, changing nothing, when the parent already holds that name or the
     * item is gone or expired at {@code now}.
     */
    boolean restore(TrashItem item, String parentId, String name, String key, Instant now);

    /** Makes every unexpired item of the project expire at {@code now} (emptying the trash); returns what did. */
    Expired expireAll(String projectId, Instant now);

    /** How many items expired at once, with the number and size of the files in them. */
    record Expired(int items, long files, long size) {
    }

    /** Ids of items whose expiry is at or before {@code now}, oldest expiry first. */
    List<String> expired(Instant now, int limit);

    /**
     * Deletes up to {@code limit} trashed nodes of an expired item, noting their blobs for the
     * collector, and the item itself once none is left.
     *
     * @return how many nodes were deleted; 0 once the item is gone
     */
    int purge(String itemId, int limit);
}
