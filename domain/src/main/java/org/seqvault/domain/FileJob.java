package org.seqvault.domain;

import java.time.Instant;

/**
 * An async file job (copy, move or delete of up to 100 files or folders, whole subtrees included),
 * run by a server's job runner after the request that submitted it has been answered. The counts
 * are of nodes, files and folders alike, a folder's contents included. {@code tokenId},
 * {@code requestId} and {@code clientAddress} say on whose behalf and from where it runs.
 */
public record FileJob(String id, String userId, String tokenId, String requestId, String clientAddress, Type type,
                      State state, long totalFiles, long completedFiles, long failedFiles, Instant submittedAt,
                      Instant startedAt, Instant finishedAt) {

    /** What a job does to each of its items. */
    public enum Type {
        COPY, MOVE, DELETE;

        /** The path segment of /v2/async/files/{type}. */
        public String pathName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** SUBMITTED until a runner takes it, RESOLVING while its items are counted, RUNNING, then FINISHED. */
    public enum State {
        SUBMITTED, RESOLVING, RUNNING, FINISHED
    }

    public boolean finished() {
        return state == State.FINISHED;
    }

    public FileJob withState(State newState, Instant started, Instant finished) {
        return new FileJob(id, userId, tokenId, requestId, clientAddress, type, newState, totalFiles, completedFiles,
                failedFiles, submittedAt, started, finished);
    }

    public FileJob withCounts(long total, long completed, long failed) {
        return new FileJob(id, userId, tokenId, requestId, clientAddress, type, state, total, completed, failed,
                submittedAt, startedAt, finishedAt);
    }
}
