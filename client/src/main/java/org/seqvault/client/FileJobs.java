package org.seqvault.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.seqvault.client.internal.Api;
import org.seqvault.client.internal.Call;
import org.seqvault.client.internal.Pages;

/**
 * Asynchronous file jobs: copy, move or delete many files and folders (a folder with everything in
 * it) in one request, which the server works through in the background. Submit a job, then
 * {@link #wait(FileJob, Consumer) wait} for it with a progress callback and read each item's
 * result; or let {@link #run} do all three for a selection of any size. Reach it through
 * {@link SeqVault#jobs()}. Every call needs a token with the {@code files} scope; each item needs
 * read permission on its source and, for copies and moves, write permission at its destination
 * (an item without them fails alone).
 */
public final class FileJobs {
    /** The most items one job takes (the server refuses more with 400). */
    public static final int MAX_ITEMS = 100;
    private static final int PAGE = 100;
    /** The first look at a job comes soon (small jobs are done at once), then less and less often. */
    private static final Duration FIRST_POLL = Duration.ofMillis(200);
    private static final Duration LONGEST_POLL = Duration.ofSeconds(2);

    private final Api api;

    FileJobs(Api api) {
        this.api = api;
    }

    // ---- submitting ------------------------------------------------------------------------

    /**
     * Submits a copy job: each item (file or folder, a folder with its whole subtree) is copied
     * into its destination; copies share the stored bytes and keep metadata and tags.
     *
     * @param items 1 to {@value #MAX_ITEMS} items with a destination ({@link JobItem#intoFolder},
     *              {@link JobItem#intoProject})
     * @return the job as submitted
     */
    public FileJob copy(List<JobItem> items) {
        return submit(JobType.COPY, items);
    }

    /**
     * Submits a move job: each item (file or folder) goes to its destination, ids kept, also
     * across projects.
     *
     * @param items 1 to {@value #MAX_ITEMS} items with a destination
     * @return the job as submitted
     */
    public FileJob move(List<JobItem> items) {
        return submit(JobType.MOVE, items);
    }

    /**
     * Submits a delete job: each file, or folder with everything in it, goes (to the project's
     * trash when the server keeps one).
     *
     * @param fileIds 1 to {@value #MAX_ITEMS} ids of files or folders
     * @return the job as submitted
     */
    public FileJob delete(List<String> fileIds) {
        return submit(JobType.DELETE, fileIds.stream().map(JobItem::delete).toList());
    }

    /**
     * Submits a job of any type.
     *
     * @param type  what the job does
     * @param items 1 to {@value #MAX_ITEMS} items; copies and moves name a destination, deletes only the file
     * @return the job as submitted
     * @throws IllegalArgumentException (before anything is sent) for no items, more than
     *                                  {@value #MAX_ITEMS}, or an item that lacks what the type needs
     */
    public FileJob submit(JobType type, List<JobItem> items) {
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw new IllegalArgumentException("a job takes 1 to " + MAX_ITEMS + " items, not " + items.size()
                    + " (run(...) splits a larger selection into several jobs)");
        }
        items.forEach(item -> item.check(type));
        // Not repeatable: an answer lost after the server took the job would submit it twice.
        return api.as(Call.post("/v2/async/files/" + type.path()).body(Map.of("items", items)), FileJob.class);
    }

    // ---- reading ---------------------------------------------------------------------------

    /**
     * @param type what the job does (part of its address)
     * @param id   the job's id
     * @return the job as it is now
     * @throws NotFoundException for an unknown id, another user's job, or a job of another type
     */
    public FileJob get(JobType type, String id) {
        return api.as(Call.get("/v2/async/files/" + type.path() + "/" + id), FileJob.class);
    }

    /**
     * @param job a job
     * @return the same job as it is now
     */
    public FileJob refresh(FileJob job) {
        return get(job.type(), job.id());
    }

    /** @return the caller's jobs, newest first, fetched page by page as you iterate */
    public Listing<FileJob> list() {
        return Pages.offsets(api, offset -> Call.get("/v2/async/files").query("offset", offset).query("limit", PAGE),
                FileJob.class);
    }

    // ---- waiting ---------------------------------------------------------------------------

    /**
     * Waits for a job to finish, looking at it after 0.2 s, then less often (at most every 2 s).
     *
     * @param job      a submitted job
     * @param progress told the job's counts at once and after every look (on this thread)
     * @return the finished job, with one result per item
     * @throws SeqVaultException when the thread is interrupted while waiting (the job goes on)
     */
    public FileJob wait(FileJob job, Consumer<JobProgress> progress) {
        FileJob current = job;
        progress.accept(current.progress());
        Duration pause = FIRST_POLL;
        while (!current.isFinished()) {
            sleep(pause, current);
            current = refresh(current);
            progress.accept(current.progress());
            pause = longer(pause);
        }
        return current;
    }

    /**
     * Waits for a job to finish, without progress.
     *
     * @param job a submitted job
     * @return the finished job, with one result per item
     */
    public FileJob wait(FileJob job) {
        return wait(job, p -> { });
    }

    /**
     * Copies, moves or deletes a selection of any size: submits a job per {@value #MAX_ITEMS}
     * items, all at once, then waits for each.
     *
     * @param type     what to do
     * @param items    the items, each checked before anything is sent
     * @param progress told the jobs' counts added up, at once and after every look; the total
     *                 grows as the server resolves each job's items
     * @return one result per item, in the items' order. A job the server refused (its answer to
     *         the submit was an error) gives each of its items that error; the others go on.
     * @throws TransportException when the server could not be reached to submit or to look at a job
     *                            (jobs submitted before go on; {@link #list()} shows them)
     */
    public List<JobResult> run(JobType type, List<JobItem> items, Consumer<JobProgress> progress) {
        items.forEach(item -> item.check(type));
        List<Batch> batches = new ArrayList<>();
        for (int i = 0; i < items.size(); i += MAX_ITEMS) {
            batches.add(Batch.submit(this, type, items.subList(i, Math.min(items.size(), i + MAX_ITEMS))));
        }
        JobProgress[] latest = batches.stream().map(b -> b.job() == null ? new JobProgress(0, 0, 0)
                : b.job().progress()).toArray(JobProgress[]::new);
        List<JobResult> results = new ArrayList<>(items.size());
        for (int b = 0; b < batches.size(); b++) {
            Batch batch = batches.get(b);
            if (batch.job() == null) {
                JobError error = new JobError(batch.refused().status(), batch.refused().code(),
                        batch.refused().serverMessage(), null);
                batch.items().forEach(item -> results.add(new JobResult(null, error)));
                continue;
            }
            int index = b;
            FileJob done = wait(batch.job(), p -> {
                latest[index] = p;
                progress.accept(sum(latest));
            });
            if (done.result().size() != batch.items().size()) {
                throw new SeqVaultException("unexpected answer from the server: job " + done.id() + " has "
                        + done.result().size() + " results for " + batch.items().size() + " items", null);
            }
            results.addAll(done.result());
        }
        return results;
    }

    /** Up to {@value #MAX_ITEMS} items of a selection: the job that runs them, or the server's refusal of it. */
    private record Batch(List<JobItem> items, FileJob job, ApiException refused) {
        static Batch submit(FileJobs jobs, JobType type, List<JobItem> items) {
            try {
                return new Batch(items, jobs.submit(type, items), null);
            } catch (ApiException refused) {
                return new Batch(items, null, refused);
            }
        }
    }

    private static JobProgress sum(JobProgress[] all) {
        JobProgress total = new JobProgress(0, 0, 0);
        for (JobProgress p : all) {
            total = total.plus(p);
        }
        return total;
    }

    private static Duration longer(Duration pause) {
        Duration next = pause.multipliedBy(3).dividedBy(2);
        return next.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : next;
    }

    private static void sleep(Duration pause, FileJob job) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeqVaultException("waiting for " + job.type().path() + " job " + job.id()
                    + " was interrupted (it goes on on the server)", e);
        }
    }
}
