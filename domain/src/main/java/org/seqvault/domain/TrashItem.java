package org.seqvault.domain;

import java.time.Instant;

/**
 * What one delete put in a project's trash: a file, or a folder with everything that was in it.
 * Its id is the id the deleted node had (and gets back when restored). {@code key} is the v1 key it
 * had ("raw/x.vcf", a folder's "raw/sub/"), where a restore puts it back. {@code files} and
 * {@code size} count the files in it (1 and the file's size for a file). {@code deletedBy} is the
 * username of who deleted it.
 */
public record TrashItem(String id, String projectId, String parentId, String name, NodeType type, String key,
                        long files, long size, String deletedBy, Instant trashedAt, Instant expiresAt) {

    public TrashItem {
        if (id == null || projectId == null || name == null || type == null || key == null || trashedAt == null
                || expiresAt == null) {
            throw new IllegalArgumentException("a trash item needs id, project, name, type, key and times");
        }
        if (files < 0 || size < 0) {
            throw new IllegalArgumentException("files and size of trash item " + id + " cannot be negative");
        }
    }

    public boolean isFolder() {
        return type == NodeType.FOLDER;
    }

    /** The path below the project's root, as people write it: "raw/x.vcf", a folder "raw/sub" (no trailing '/'). */
    public String path() {
        return isFolder() && key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    }

    /** The v1 key of the folder it was in: "raw/" for "raw/x.vcf", "" at the top of the project. */
    public String folderKey() {
        String path = path();
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash + 1);
    }
}
