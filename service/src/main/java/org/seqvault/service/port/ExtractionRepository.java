package org.seqvault.service.port;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.seqvault.service.extract.ExtractionStatus;

/**
 * The durable queue of files whose headers are to be read, one row per file (deleted with it).
 * A row is PENDING until {@code nextTryAt}, RUNNING while a worker holds its lease (until
 * {@code nextTryAt}, after which any worker may claim it again), and DONE with its final status.
 */
public interface ExtractionRepository {

    /** Queues a file (again): PENDING now, with no attempts, keeping the keys an earlier run extracted. */
    void enqueue(String fileId, Instant now);

    /** Queues again every file of a project (null: of every project) whose name ends with one of {@code suffixes}. */
    int enqueueAll(String projectId, List<String> suffixes, Instant now);

    /** Rows a worker may claim: PENDING or RUNNING with {@code nextTryAt} at or before {@code now}, oldest first. */
    List<Due> due(Instant now, int limit);

    /**
     * Takes a due row as it was seen (compare-and-set on its state and time): RUNNING until
     * {@code leaseUntil}, one more attempt. False when another worker took it first.
     */
    boolean claim(Due row, Instant leaseUntil);

    /** Records the final status of a row this worker still holds (its lease unchanged); false if it lost it. */
    boolean finish(String fileId, Instant lease, String status, List<String> keys, Instant now);

    /** Puts a held row back, PENDING until {@code nextTry}, with the reason; false if the lease was lost. */
    boolean retryLater(String fileId, Instant lease, Instant nextTry, String reason, Instant now);

    /** The keys an earlier run took from this file's header (empty if none). */
    List<String> extractedKeys(String fileId);

    Map<String, ExtractionStatus> statuses(Collection<String> fileIds);

    /** Rows in each state, for the admin command. */
    Map<String, Long> countByState();

    /** One queue row as a worker saw it. */
    record Due(String fileId, String state, int attempts, Instant nextTryAt) {
    }
}
