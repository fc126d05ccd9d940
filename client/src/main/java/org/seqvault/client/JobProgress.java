package org.seqvault.client;

/**
 * How far a job (or the jobs of one selection) has got, as the server counts it: files and folders
 * alike, each item and everything in it (an item that cannot run at all counts one, failed).
 * {@code totalFiles} is 0 until the server has resolved the items.
 *
 * @param totalFiles     the files and folders the job touches
 * @param completedFiles those done so far
 * @param failedFiles    those that failed so far
 */
public record JobProgress(long totalFiles, long completedFiles, long failedFiles) {

    /** @return the files and folders done so far, failed ones included */
    public long doneFiles() {
        return completedFiles + failedFiles;
    }

    /**
     * @param other another job's progress
     * @return the two added up
     */
    public JobProgress plus(JobProgress other) {
        return new JobProgress(totalFiles + other.totalFiles, completedFiles + other.completedFiles,
                failedFiles + other.failedFiles);
    }
}
