package org.seqvault.service.port;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.seqvault.domain.FileJob;
import org.seqvault.domain.FileJobItem;
import org.seqvault.domain.Node;
import org.seqvault.service.port.NodeRepository.NodeCursor;

/**
 * Async file jobs, their items, and the work queue of folder copies (migration V11). A job is run by
 * whoever holds its lease: {@link #claim} takes an unfinished job whose lease has run out, and every
 * transaction that works on it starts with {@link #holdLease}, which fails once another runner took it.
 */
public interface JobRepository {

    void insert(FileJob job, List<FileJobItem> items);

    Optional<FileJob> byId(String id);

    /** The job's items, in request order. */
    List<FileJobItem> items(String jobId);

    /** A user's jobs, newest first. */
    List<FileJob> forUser(String userId, long offset, int limit);

    long countForUser(String userId);

    /** Unfinished jobs nobody holds (no lease, or an expired one), oldest first. */
    List<String> claimable(Instant now, int limit);

    /** Takes job {@code id} for {@code owner} until {@code until} if nobody holds it at {@code now}; false when another runner has it. */
    boolean claim(String id, String owner, Instant now, Instant until);

    /**
     * Extends {@code owner}'s lease on an unfinished job to {@code until}; false (and nothing changed)
     * when the owner no longer holds it. On PostgreSQL the row stays locked until the transaction ends,
     * so a claim by another runner waits for it and then sees the extended lease.
     */
    boolean holdLease(String id, String owner, Instant until);

    /** Gives the lease up (a runner that stops), so another runner may claim the job at once. */
    void release(String id, String owner);

    /** Writes the job's state, counts and times. */
    void update(FileJob job);

    /** Writes an item's state, counts and result. */
    void updateItem(String jobId, FileJobItem item);

    /** Nodes, files and file bytes in a subtree (a file: itself). */
    Totals subtree(Node root);

    record Totals(long nodes, long files, long bytes) {
    }

    /** Queues a folder whose children are to be copied into {@code copyId}, behind every folder queued. */
    void enqueue(String jobId, int position, String sourceId, String copyId);

    /** The first folder in the queue of the job, if any. */
    Optional<QueuedFolder> nextQueued(String jobId);

    /** Moves a queued folder's cursor past {@code after}. */
    void advance(String jobId, long seq, NodeCursor after);

    void dequeue(String jobId, long seq);

    /** Drops the queue of one item (it failed). */
    void dropQueue(String jobId, int position);

    /** Deletes finished jobs (with their items) that finished before {@code cutoff}, at most {@code limit}; returns how many. */
    int deleteFinishedBefore(Instant cutoff, int limit);

    /** A folder of a copy in progress: its children after {@code after} (null: all) still to copy into {@code copyId}. */
    record QueuedFolder(long seq, int position, String sourceId, String copyId, NodeCursor after) {
    }
}
