package org.seqvault.domain;

import java.time.Instant;

/**
 * A file or folder. {@code key} is the v1 view of its place: "raw/x.vcf" for a file,
 * "raw/" for a folder, "" for a project's root folder (whose parentId is null).
 * Files carry a blob id, size and checksums; folders have none.
 */
public record Node(String id, String projectId, String parentId, String name, NodeType type, String key,
                   String blobId, long size, Checksums checksums, String contentType, String description,
                   String originTask, Metadata metadata, Tags tags, Instant createdAt, Instant modifiedAt) {

    public Node {
        metadata = metadata == null ? Metadata.EMPTY : metadata;
        tags = tags == null ? Tags.EMPTY : tags;
        // Stores rely on it: they read no metadata or tags for a folder.
        if (type == NodeType.FOLDER && (!metadata.isEmpty() || !tags.isEmpty())) {
            throw new IllegalArgumentException("folder '" + name + "' cannot carry metadata or tags");
        }
    }

    public boolean isFolder() {
        return type == NodeType.FOLDER;
    }

    public boolean isRoot() {
        return parentId == null;
    }

    public Node withPlace(String newParentId, String newName, String newKey, Instant at) {
        return new Node(id, projectId, newParentId, newName, type, newKey, blobId, size, checksums, contentType,
                description, originTask, metadata, tags, createdAt, at);
    }

    public Node withMetadata(Metadata newMetadata, Instant at) {
        return new Node(id, projectId, parentId, name, type, key, blobId, size, checksums, contentType,
                description, originTask, newMetadata, tags, createdAt, at);
    }

    public Node withTags(Tags newTags, Instant at) {
        return new Node(id, projectId, parentId, name, type, key, blobId, size, checksums, contentType,
                description, originTask, metadata, newTags, createdAt, at);
    }

    /** The same node recorded as the output of task {@code task} (null: no task). */
    public Node withOriginTask(String task, Instant at) {
        return new Node(id, projectId, parentId, name, type, key, blobId, size, checksums, contentType,
                description, task, metadata, tags, createdAt, at);
    }
}
