package org.seqvault.service.file;

import java.time.Duration;
import java.util.UUID;
import org.seqvault.domain.FileJob;
import org.seqvault.domain.Token;
import org.seqvault.domain.User;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.auth.Origin;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.IdGenerator;
import org.seqvault.service.port.MetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs async file jobs, one at a time per server process, any replica any job. A job is claimed
 * with a compare-and-set on its lease; every step's transaction first extends the lease, which
 * fails once another runner holds the job, so a runner that lost its lease cannot commit a step
 * (on PostgreSQL that update also locks the job's row: two runners' steps of one job take turns).
 * Each step records its own progress ({@link FileJobWork}), so whoever claims a job next, after a
 * crash or a lost lease, goes on exactly where the last committed step left it. Woken at once by a
 * submit in this process ({@link #wake}); else it polls every second for jobs submitted to other
 * replicas or left by a runner that stopped.
 */
public final class FileJobRunner implements AutoCloseable {
    /** How long a claim lasts without a step renewing it: a crashed runner's job waits this long for another one. */
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(15);
    public static final int DEFAULT_BATCH_SIZE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(FileJobRunner.class);
    private static final long POLL_MILLIS = 1000;
    private static final long STOP_MILLIS = 30_000;

    private final MetadataStore store;
    private final Clock clock;
    private final FileJobWork work;
    private final Duration lease;
    private final String owner = "runner-" + UUID.randomUUID();
    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean stopped;
    private Thread thread;

    /** @param batchSize nodes of a folder's tree copied per transaction */
    public FileJobRunner(MetadataStore store, Clock clock, IdGenerator ids, TrashRetention trash, AuditTrail audit,
                         int batchSize, Duration lease) {
        this.store = store;
        this.clock = clock;
        this.work = new FileJobWork(clock, ids, trash, audit, batchSize);
        this.lease = lease;
    }

    /** Thrown by a step of a job whose lease this runner no longer holds: nothing of the step was committed. */
    public static final class LeaseLost extends RuntimeException {
        LeaseLost(String jobId) {
            super("the lease on job " + jobId + " is held by another runner", null, false, false);
        }
    }

    /** Starts the runner's thread. */
    public synchronized void start() {
        if (thread == null) {
            thread = Thread.ofPlatform().daemon().name("seqvault-jobs").start(this::loop);
        }
    }

    /** Tells the runner a job was submitted, so it does not wait for its next poll. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    /** Stops after the current step (its job's lease given up, for another runner to go on at once). */
    @Override
    public void close() {
        stopped = true;
        wake();
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            try {
                t.join(STOP_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Claims and runs every job that can be claimed now, to its end, in the calling thread; returns how many it ran. */
    public int runAvailable() {
        int ran = 0;
        for (String id : store.read(tx -> tx.jobs().claimable(clock.now(), 100))) {
            if (stopped) {
                break;
            }
            if (claim(id)) {
                runClaimed(id);
                ran++;
            }
        }
        return ran;
    }

    /** Takes job {@code id} if nobody holds it; true when this runner now does. */
    public boolean claim(String id) {
        return store.write(tx -> tx.jobs().claim(id, owner, clock.now(), clock.now().plus(lease)));
    }

    /**
     * Does the next step of job {@code id}, which this runner claimed; false once the job is finished.
     *
     * @throws LeaseLost when another runner holds the job now (the step is not committed)
     */
    public boolean step(String id) {
        Principal caller = submitter(id);
        try {
            return store.write(tx -> {
                FileJob job = leased(tx, id);
                return work.step(tx, caller, job);
            });
        } catch (FileJobWork.ItemFailed failed) {
            store.write(tx -> {
                work.fail(tx, caller, leased(tx, id), failed.position, failed.why);
                return null;
            });
            return true;
        }
    }

    private FileJob leased(MetadataStore.Tx tx, String id) {
        if (!tx.jobs().holdLease(id, owner, clock.now().plus(lease))) {
            throw new LeaseLost(id);
        }
        return tx.jobs().byId(id).orElseThrow(() -> new LeaseLost(id));
    }

    private void loop() {
        while (!stopped) {
            int ran = 0;
            try {
                ran = runAvailable();
            } catch (RuntimeException e) {
                LOG.warn("the job runner failed; will retry", e);
            }
            if (ran == 0) {
                await();
            }
        }
    }

    /** Runs a claimed job step by step until it is finished, its lease is lost, or the runner stops. */
    private void runClaimed(String id) {
        try {
            while (step(id)) {
                if (stopped) {
                    store.write(tx -> {
                        tx.jobs().release(id, owner);
                        return null;
                    });
                    return;
                }
            }
        } catch (LeaseLost e) {
            LOG.info("job {} went on with another runner", id);
        } catch (RuntimeException e) {
            // Left to its lease: this or another runner retries it once the lease has run out.
            LOG.warn("job {} failed a step; it is retried when its lease runs out", id, e);
        }
    }

    /** The job's submitter, acting through the token and from the request that submitted it. */
    private Principal submitter(String id) {
        return store.read(tx -> {
            FileJob job = tx.jobs().byId(id).orElseThrow(() -> new LeaseLost(id));
            User user = tx.users().byId(job.userId())
                    .orElseThrow(() -> new IllegalStateException("job " + id + " has no user"));
            Token token = tx.tokens().byId(job.tokenId())
                    .orElseThrow(() -> new IllegalStateException("job " + id + " has no token"));
            return new Principal(user, token, new Origin(job.requestId(), job.clientAddress()));
        });
    }

    private void await() {
        synchronized (signal) {
            if (!woken) {
                try {
                    signal.wait(POLL_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopped = true;
                }
            }
            woken = false;
        }
    }

    /** Deletes finished jobs older than {@code retention}, a batch per transaction; returns how many went. */
    public long prune(Duration retention) {
        long deleted = 0;
        while (true) {
            int n = store.write(tx -> tx.jobs().deleteFinishedBefore(clock.now().minus(retention), 500));
            deleted += n;
            if (n < 500) {
                return deleted;
            }
        }
    }
}
