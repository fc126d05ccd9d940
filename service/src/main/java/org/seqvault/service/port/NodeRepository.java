package org.seqvault.service.port;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.seqvault.domain.Node;
import org.seqvault.domain.Project;

/** Files and folders with their metadata and tags. */
public interface NodeRepository {
    /** Inserts a node with its metadata and tags; false (nothing changed) when the parent already has that name. */
    boolean insert(Node node);

    Optional<Node> byId(String id);

    /** A node with the project it is in. */
    record InProject(Node node, Project project) {
    }

    /**
     * A node by id with its project, read together: every request that names a file or folder by
     * id needs both, and on PostgreSQL each statement is a round trip.
     */
    Optional<InProject> byIdInProject(String id);

    /** Nodes for the ids that exist, in no particular order. */
    List<Node> byIds(List<String> ids);

    Optional<Node> child(String parentId, String name);

    /** The children of a folder that have one of the given names (at most 1000 names), in no particular order. */
    List<Node> children(String parentId, Collection<String> names);

    /** The blob of file {@code id} (not a folder), by primary key alone; empty once the file is deleted. */
    Optional<String> fileBlobId(String id);

    /** A file (not a folder) by its v1 key inside a project. */
    Optional<Node> fileByKey(String projectId, String key);

    /**
     * Writes name, parent, key, description, origin task, metadata, tags and modifiedAt of an existing node;
     * false when the new (parent, name) is taken by another node.
     */
    boolean update(Node node);

    /** Deletes the node row with its metadata and tags, and notes its blob for the collector ({@link BlobRepository#noteReclaimable}). */
    void delete(String id);

    /**
     * Deletes a folder with everything below it, noting the blobs of its files for the collector
     * ({@link BlobRepository#noteReclaimable}); returns how many nodes were deleted.
     */
    int deleteTree(Node folder);

    boolean hasChildren(String folderId);

    /**
     * Copies nodes into folder {@code parentId} of project {@code projectId}, set-based (a fixed number of
     * statements per thousand nodes): each copy gets its new id and v1 key, and the source's name, bytes,
     * checksums, content type, description, origin, metadata and tags; created and modified {@code at}.
     * Returns the ids of the sources not copied because their name is taken there (nothing of them written).
     */
    List<String> insertCopies(String projectId, String parentId, List<CopyOf> copies, java.time.Instant at);

    /** A copy to make of node {@code sourceId}: its id and its v1 key. */
    record CopyOf(String sourceId, String id, String key) {
    }

    /**
     * Moves a file or a folder with everything below it to {@code parentId} under {@code name}, keeping
     * every id: the root gets its new place, every key below it trades the root's old key for
     * {@code key}, and every node of it goes to project {@code projectId}. False (nothing changed) when
     * the parent already has that name.
     */
    boolean moveTree(Node root, String parentId, String name, String key, String projectId, java.time.Instant at);

    /** Files (never folders) of a project whose key starts with {@code prefix} and sorts after {@code afterKey} (null: from the start), by key. */
    List<Node> filesByKeyPrefix(String projectId, String prefix, String afterKey, int limit);

    /** One page of a filtered listing, in the query's order. */
    List<Node> query(NodeQuery query, long offset, int limit);

    long count(NodeQuery query);

    /**
     * {@link #query} with the number of matches in all when the store had it for free, i.e. when
     * the page query had to visit every match anyway; else (and when the page is empty) the total
     * is -1 and the caller counts if it needs to.
     */
    CountedPage queryCounted(NodeQuery query, long offset, int limit);

    /** A page of matches and their total, or -1 when it is not known. */
    record CountedPage(List<Node> rows, long total) {
    }

    /** A keyset page: rows after the given (isFolder, name, id) position (all null: from the start). */
    List<Node> queryAfter(NodeQuery query, NodeCursor after, int limit);

    /** A position in the folders-first, name, id order. */
    record NodeCursor(boolean folder, String name, String id) {
    }
}
