package org.seqvault.client;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * An asynchronous file job as the server last showed it.
 *
 * @param id             the job's id
 * @param type           what it does
 * @param state          how far it is
 * @param result         one result per item, in the items' order; may be empty until {@link State#FINISHED}
 * @param totalFiles     the files and folders it touches, each item and everything in it (0 until resolved)
 * @param completedFiles those done
 * @param failedFiles    those that failed
 * @param startedOn      when it was submitted
 * @param finishedOn     when it finished, or null
 */
public record FileJob(String id, JobType type, State state, List<JobResult> result,
                      @JsonProperty("total_files") long totalFiles,
                      @JsonProperty("completed_files") long completedFiles,
                      @JsonProperty("failed_files") long failedFiles,
                      @JsonProperty("started_on") Instant startedOn,
                      @JsonProperty("finished_on") Instant finishedOn) {

    /** The states a job goes through, in order. */
    public enum State {
        /** Accepted, not started. */
        SUBMITTED,
        /** Finding what the items hold. */
        RESOLVING,
        /** Working through the files. */
        RUNNING,
        /** Done: {@code result} holds every item's outcome. */
        FINISHED
    }

    /** An empty result list for a server that left it out. */
    public FileJob {
        result = result == null ? List.of() : List.copyOf(result);
    }

    /** @return true once the job is done and its results are in */
    @JsonIgnore
    public boolean isFinished() {
        return state == State.FINISHED;
    }

    /** @return its counts of files and folders */
    @JsonIgnore
    public JobProgress progress() {
        return new JobProgress(totalFiles, completedFiles, failedFiles);
    }
}
