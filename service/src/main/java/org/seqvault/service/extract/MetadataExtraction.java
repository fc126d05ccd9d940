package org.seqvault.service.extract;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.seqvault.domain.Metadata;
import org.seqvault.domain.Node;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.Scope;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.BlobStore.BlobReader;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.ExtractionRepository.Due;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.project.ProjectService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills a published file's standard metadata keys from its header. Works through the durable
 * queue ({@link org.seqvault.service.port.ExtractionRepository}): claims due rows with a lease
 * (any replica may; one whose lease runs out is claimed again), reads the header outside any
 * transaction, then in one transaction re-reads the file and sets only the keys it does not have
 * (a value the user set, even meanwhile, wins) together with the row's final status. A store error
 * is retried with backoff; a file that cannot be parsed gets its status and nothing fails.
 */
public final class MetadataExtraction implements ExtractionStatuses {
    private static final Logger LOG = LoggerFactory.getLogger(MetadataExtraction.class);
    /** How long a claimed row is this worker's before another may take it (a header read takes far less). */
    static final Duration LEASE = Duration.ofMinutes(5);
    static final int BATCH = 20;
    /** Store errors in a row before the file is given up on with a {@code failed: …} status. */
    static final int MAX_ATTEMPTS = 8;
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final int MAX_REASON = 200;

    private final MetadataStore store;
    private final BlobStore blobs;
    private final HeaderReader reader;
    private final Clock clock;
    private final Semaphore work = new Semaphore(0);

    public MetadataExtraction(MetadataStore store, BlobStore blobs, HeaderReader reader, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.reader = reader;
        this.clock = clock;
    }

    /** The queue publications go to: on when {@code enabled}, waking this worker after each. */
    public ExtractionQueue queue(boolean enabled) {
        return enabled ? new ExtractionQueue(true, this::wake) : ExtractionQueue.OFF;
    }

    /** Says there may be new rows (a publication committed); the worker stops waiting. */
    public void wake() {
        work.release();
    }

    /** Waits until woken or until {@code timeout} passes, whichever is first. */
    public void awaitWork(Duration timeout) throws InterruptedException {
        if (work.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            work.drainPermits();
        }
    }

    /** What one pass did. */
    public record Pass(int done, int unreadable, int retried, int failed) {
        public int total() {
            return done + unreadable + retried + failed;
        }
    }

    /** Claims up to one batch of due rows and processes them; an empty pass means nothing is due now. */
    public Pass runOnce() {
        Instant now = clock.now();
        List<Due> due = store.read(tx -> tx.extractions().due(now, BATCH));
        int done = 0;
        int unreadable = 0;
        int retried = 0;
        int failed = 0;
        for (Due row : due) {
            Instant lease = clock.now().plus(LEASE);
            if (!store.write(tx -> tx.extractions().claim(row, lease))) {
                continue; // another worker has it
            }
            switch (process(row, lease)) {
                case DONE -> done++;
                case UNREADABLE -> unreadable++;
                case RETRY -> retried++;
                case FAILED -> failed++;
                case LOST -> {
                }
            }
        }
        return new Pass(done, unreadable, retried, failed);
    }

    private enum Outcome { DONE, UNREADABLE, RETRY, FAILED, LOST }

    private Outcome process(Due row, Instant lease) {
        Optional<Node> file = store.read(tx -> tx.nodes().byId(row.fileId()));
        if (file.isEmpty() || file.get().isFolder()) {
            return Outcome.LOST; // deleted meanwhile: its row went with it
        }
        Node node = file.get();
        Optional<HeaderFormat> format = HeaderFormat.of(node.name());
        if (format.isEmpty()) {
            return finish(node, lease, "skipped: the name no longer ends like a file SeqVault reads", Map.of());
        }
        HeaderReader.Reading reading;
        try (BlobReader blob = blobs.open(node.blobId())) {
            reading = reader.read(format.get(), node.name(), blob);
        } catch (IOException | RuntimeException e) {
            return retryOrFail(row, lease, e);
        }
        return switch (reading) {
            case HeaderReader.Reading.Found found -> finish(node, lease, ExtractionStatus.DONE, found.metadata());
            case HeaderReader.Reading.Unreadable u -> finish(node, lease, u.status(), Map.of()) == Outcome.DONE
                    ? Outcome.UNREADABLE : Outcome.LOST;
        };
    }

    /**
     * In one transaction: the keys the file does not have now are set, and the row gets its final
     * status. A key an earlier run extracted stays listed while its value is still the header's.
     */
    private Outcome finish(Node read, Instant lease, String status, Map<String, String> extracted) {
        Instant now = clock.now();
        try {
            boolean held = store.write(tx -> {
                Optional<Node> current = tx.nodes().byId(read.id());
                if (current.isEmpty() || !current.get().blobId().equals(read.blobId())) {
                    return false;
                }
                Node node = current.get();
                Map<String, String> missing = new LinkedHashMap<>();
                TreeSet<String> fromHeader = new TreeSet<>();
                List<String> earlier = tx.extractions().extractedKeys(node.id());
                extracted.forEach((k, v) -> {
                    String have = node.metadata().values().get(k);
                    if (have == null) {
                        missing.put(k, v);
                        fromHeader.add(k);
                    } else if (have.equals(v) && earlier.contains(k)) {
                        fromHeader.add(k);
                    }
                });
                if (!missing.isEmpty()) {
                    tx.nodes().update(node.withMetadata(mergeWithinLimits(node.metadata(), missing), now));
                }
                if (!tx.extractions().finish(node.id(), lease, status, new ArrayList<>(fromHeader), now)) {
                    throw new LeaseLost();
                }
                return true;
            });
            return held ? Outcome.DONE : Outcome.LOST;
        } catch (LeaseLost e) {
            return Outcome.LOST;
        }
    }

    /** The file's metadata with the header's keys added, or unchanged when they would break the metadata limits. */
    private static Metadata mergeWithinLimits(Metadata have, Map<String, String> missing) {
        try {
            return have.patch(missing);
        } catch (UserException e) {
            LOG.info("header metadata not added: {}", e.getMessage());
            return have;
        }
    }

    private Outcome retryOrFail(Due row, Instant lease, Exception e) {
        String reason = reason(e);
        Instant now = clock.now();
        int attempts = row.attempts() + 1;
        if (attempts >= MAX_ATTEMPTS) {
            LOG.warn("giving up reading the header of file {} after {} attempts: {}", row.fileId(), attempts, reason);
            boolean held = store.write(tx -> tx.extractions().finish(row.fileId(), lease, "failed: " + reason, List.of(), now));
            return held ? Outcome.FAILED : Outcome.LOST;
        }
        Duration backoff = Duration.ofSeconds(1L << Math.min(attempts, 10));
        Instant next = now.plus(backoff.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff);
        LOG.info("reading the header of file {} failed ({}); retrying after {}", row.fileId(), reason, next);
        boolean held = store.write(tx -> tx.extractions().retryLater(row.fileId(), lease, next, reason, now));
        return held ? Outcome.RETRY : Outcome.LOST;
    }

    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.length() > MAX_REASON ? message.substring(0, MAX_REASON) + "…" : message;
    }

    @Override
    public Map<String, ExtractionStatus> of(Collection<String> fileIds) {
        if (fileIds.isEmpty()) {
            return Map.of();
        }
        return store.read(tx -> of(tx, fileIds));
    }

    @Override
    public Map<String, ExtractionStatus> of(MetadataStore.Tx tx, Collection<String> fileIds) {
        return fileIds.isEmpty() ? Map.of() : tx.extractions().statuses(fileIds);
    }

    /** What a re-run queued, and the queue's rows by state just after. */
    public record Requeued(int queued, Map<String, Long> queue) {
    }

    /**
     * Queues again (admin scope) every file of a project (null: of every project) whose name is a
     * format SeqVault reads, for the worker to read their headers: files published before extraction
     * was on, or to fill keys a user has since removed. Keys the user set still win.
     */
    public Requeued requeue(Principal caller, ProjectRef project) {
        caller.requireScope(Scope.ADMIN);
        Instant now = clock.now();
        int queued = store.write(tx -> tx.extractions().enqueueAll(
                project == null ? null : ProjectService.readable(tx, caller, project).id(), HeaderFormat.allSuffixes(), now));
        wake();
        return new Requeued(queued, counts());
    }

    /** Rows by state (pending, running, done), for the admin command. */
    public Map<String, Long> counts() {
        return store.read(tx -> tx.extractions().countByState());
    }

    /** The lease was taken over by another worker: this one's writes are rolled back. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("extraction lease lost", null, false, false);
        }
    }
}
