package org.seqvault.client;

/**
 * How far a job (or the jobs of one selection) has got, counted in files: what the items are and
 * hold, folders' contents included. {@code totalFiles} is 0 until the server has resolved the items.
 *
 * @param totalFiles     the files the job touches
 * @param completedFiles the files done so far
 * @param failedFiles    the files that failed so far
 */
public record JobProgress(long totalFiles, long completedFiles, long failedFiles) {

    /** @return the files done so far, failed ones included */
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
