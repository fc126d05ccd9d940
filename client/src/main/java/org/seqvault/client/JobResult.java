package org.seqvault.client;

/**
 * How one item of a job ended: the file or folder it produced (the copy, the moved entry, or what
 * was deleted), or why it failed.
 *
 * @param resource the resulting file or folder, or null when the item failed
 * @param error    why the item failed, or null when it went through
 */
public record JobResult(RemoteFile resource, JobError error) {

    /** @return true when the item went through */
    public boolean ok() {
        return error == null;
    }

    /**
     * @return the resulting file or folder
     * @throws ApiException the item's error, typed as a single call's would be
     */
    public RemoteFile orThrow() {
        if (error != null) {
            throw error.toException();
        }
        return resource;
    }
}
