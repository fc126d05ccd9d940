package org.seqvault.service.file;

import java.util.ArrayList;
import java.util.List;
import org.seqvault.domain.AuditDetail;
import org.seqvault.domain.FileJob;
import org.seqvault.domain.FileJobItem;
import org.seqvault.domain.Permissions.Permission;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Scope;
import org.seqvault.domain.UserException;
import org.seqvault.service.audit.AuditSubject;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.IdGenerator;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.MetadataStore.Tx;
import org.seqvault.service.support.Page;

/**
 * Async file jobs as their submitter sees them: submit a copy, move or delete of up to 100 files or
 * folders (answered once the job and its items are committed; a {@link FileJobRunner} does the work),
 * read one job, list one's jobs. Jobs need the {@code files} scope; each item needs, when it runs, the
 * permissions of the synchronous call (see {@link FileJobWork}). A job is its submitter's (and readable by
 * admin tokens): anyone else, and a path of another job type, finds no such job.
 */
public final class FileJobService {
    public static final int MAX_ITEMS = NamespaceService.MAX_BULK_ITEMS;

    private final MetadataStore store;
    private final Clock clock;
    private final IdGenerator ids;
    private final AuditTrail audit;
    private final Runnable submitted;

    /** @param submitted told of every job submitted (the runner of this process, which then starts at once) */
    public FileJobService(MetadataStore store, Clock clock, IdGenerator ids, AuditTrail audit, Runnable submitted) {
        this.store = store;
        this.clock = clock;
        this.ids = ids;
        this.audit = audit;
        this.submitted = submitted;
    }

    /** One item as asked: the file or folder, and for a copy or move where it goes ({@code parentId} or {@code project}) and its new name. */
    public record ItemRequest(String fileId, String parentId, String project, String name) {
    }

    /** A job and, once it is finished, the outcome of each item in request order (before: none). */
    public record JobView(FileJob job, List<Outcome> result) {
    }

    /** One item's outcome: the resulting file, what a delete removed, or why the item failed. Exactly one is set. */
    public record Outcome(Located file, Removed removed, UserException error) {
    }

    /** What a delete removed: its id, and what it was. */
    public record Removed(String id, FileJobItem.Deleted was) {
    }

    public JobView submit(Principal caller, FileJob.Type type, List<ItemRequest> items) {
        return audit.attempt(caller, List.of(FileJobWork.action(type)), AuditSubject.NONE,
                AuditDetail.of().put("items", items.size()), attempt -> {
                    caller.requireScope(Scope.FILES);
                    if (items.isEmpty()) {
                        throw UserException.invalid("'items' is empty; give at least one item");
                    }
                    if (items.size() > MAX_ITEMS) {
                        throw new UserException(Problem.TOO_MANY_ITEMS, "a job takes at most " + MAX_ITEMS
                                + " items; this one has " + items.size());
                    }
                    FileJob job = new FileJob(ids.objectId(), caller.userId(), caller.token().id(),
                            caller.origin().requestId(), caller.origin().clientAddress(), type,
                            FileJob.State.SUBMITTED, 0, 0, 0, clock.now(), null, null);
                    List<FileJobItem> rows = new ArrayList<>(items.size());
                    for (ItemRequest item : items) {
                        rows.add(type == FileJob.Type.DELETE
                                ? FileJobItem.pending(rows.size(), item.fileId(), null, null, null)
                                : FileJobItem.pending(rows.size(), item.fileId(), item.parentId(), item.project(),
                                item.name()));
                    }
                    store.write(tx -> {
                        tx.jobs().insert(job, rows);
                        return null;
                    });
                    submitted.run();
                    return new JobView(job, List.of());
                });
    }

    /** The caller's job {@code id} of type {@code type}. */
    public JobView get(Principal caller, FileJob.Type type, String id) {
        caller.requireScope(Scope.FILES);
        return store.read(tx -> {
            FileJob job = tx.jobs().byId(id == null ? "" : id)
                    .filter(j -> (j.userId().equals(caller.userId()) || caller.isAdmin()) && j.type() == type)
                    .orElseThrow(() -> new UserException(Problem.JOB_NOT_FOUND,
                            type.pathName() + " job '" + id + "' not found"));
            return view(tx, caller, job);
        });
    }

    /** The caller's jobs, newest first. */
    public Page<JobView> list(Principal caller, long offset, int limit) {
        caller.requireScope(Scope.FILES);
        return store.read(tx -> {
            List<JobView> views = tx.jobs().forUser(caller.userId(), offset, limit).stream()
                    .map(job -> view(tx, caller, job)).toList();
            return new Page<>(views, tx.jobs().countForUser(caller.userId()));
        });
    }

    /**
     * A finished job's outcomes show each resulting file as it is now, as the caller may see it: one
     * gone since, or in a project the caller can no longer read, is "not found".
     */
    private static JobView view(Tx tx, Principal caller, FileJob job) {
        if (!job.finished()) {
            return new JobView(job, List.of());
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (FileJobItem item : tx.jobs().items(job.id())) {
            if (item.state() == FileJobItem.State.FAILED) {
                outcomes.add(new Outcome(null, null, new UserException(item.problem(), item.message())));
            } else if (item.deleted() != null) {
                outcomes.add(new Outcome(null, new Removed(item.resultId(), item.deleted()), null));
            } else {
                try {
                    outcomes.add(new Outcome(NodeLookup.node(tx, caller, item.resultId(), Permission.READ), null, null));
                } catch (UserException e) {
                    outcomes.add(new Outcome(null, null, e));
                }
            }
        }
        return new JobView(job, outcomes);
    }
}
