package org.seqvault.domain;

/**
 * One item of a {@link FileJob}, at {@code position} in the request. {@code targetParentId} or
 * {@code targetProject} (owner/slug) is where a copy or move goes, {@code name} the new name asked
 * for (null: the source's). {@code total} is how many nodes the item touches (known once the job is
 * resolved), {@code done} how many are done. A finished item has its resulting node
 * ({@code resultId}; for a delete, {@code deleted} says what it was) or its {@code problem}.
 */
public record FileJobItem(int position, String sourceId, String targetParentId, String targetProject, String name,
                          State state, long total, long done, String resultId, Deleted deleted, Problem problem,
                          String message) {

    public enum State {
        PENDING, RUNNING, DONE, FAILED;

        public boolean over() {
            return this == DONE || this == FAILED;
        }
    }

    /** What a deleted node was, kept for the job's answer once the node itself is gone. */
    public record Deleted(String name, boolean folder, String parentId, String project) {
    }

    /** A new item of a submitted job. */
    public static FileJobItem pending(int position, String sourceId, String targetParentId, String targetProject,
                                      String name) {
        return new FileJobItem(position, sourceId, targetParentId, targetProject, name, State.PENDING, 0, 0, null, null,
                null, null);
    }

    public FileJobItem resolved(long newTotal) {
        return new FileJobItem(position, sourceId, targetParentId, targetProject, name, state, newTotal, done, resultId,
                deleted, problem, message);
    }

    public FileJobItem progressed(State newState, long newDone, String newResultId, Deleted newDeleted) {
        return new FileJobItem(position, sourceId, targetParentId, targetProject, name, newState, total, newDone,
                newResultId, newDeleted, problem, message);
    }

    public FileJobItem failed(Problem why, String text) {
        return new FileJobItem(position, sourceId, targetParentId, targetProject, name, State.FAILED, total, done,
                resultId, deleted, why, text);
    }

    /** What is left of the item, counted as failed when it fails. */
    public long remaining() {
        return Math.max(0, total - done);
    }
}
