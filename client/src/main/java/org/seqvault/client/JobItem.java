package org.seqvault.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One item of an asynchronous file job: a file or folder, and for copies and moves where it goes
 * (a folder, or a project's root folder) and, optionally, its name there. A name taken at the
 * destination is not an error: the server names the new entry {@code _1_name} ({@code _2_name}, …).
 *
 * @param file    the id of the file or folder
 * @param parent  the destination folder's id (copy, move), or null
 * @param project the destination project, {@code owner/slug} (copy, move), or null
 * @param name    the name at the destination, or null to keep the source's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JobItem(String file, String parent, String project, String name) {

    /**
     * @param fileId   the file or folder to copy or move
     * @param folderId the folder to put it in
     * @return the item, keeping the source's name
     */
    public static JobItem intoFolder(String fileId, String folderId) {
        return new JobItem(fileId, folderId, null, null);
    }

    /**
     * @param fileId  the file or folder to copy or move
     * @param project the project ({@code owner/slug}) whose root folder to put it in
     * @return the item, keeping the source's name
     */
    public static JobItem intoProject(String fileId, String project) {
        return new JobItem(fileId, null, project, null);
    }

    /**
     * @param fileId the file or folder to delete
     * @return the item of a delete job
     */
    public static JobItem delete(String fileId) {
        return new JobItem(fileId, null, null, null);
    }

    /**
     * @param newName the name at the destination
     * @return this item under another name
     */
    public JobItem named(String newName) {
        return new JobItem(file, parent, project, newName);
    }

    /** Checks that the item has what a job of {@code type} needs, before anything is sent. */
    void check(JobType type) {
        if (file == null || file.isBlank()) {
            throw new IllegalArgumentException("a job item needs the id of a file or folder");
        }
        boolean hasDestination = parent != null || project != null;
        if (type == JobType.DELETE && (hasDestination || name != null)) {
            throw new IllegalArgumentException("a delete item names only the file or folder (" + file + ")");
        }
        if (type != JobType.DELETE && (parent == null) == (project == null)) {
            throw new IllegalArgumentException("a " + type.path() + " item needs a destination folder or project,"
                    + " not both (" + file + ")");
        }
    }
}
