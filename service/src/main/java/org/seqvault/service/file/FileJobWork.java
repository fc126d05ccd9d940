package org.seqvault.service.file;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seqvault.domain.AuditAction;
import org.seqvault.domain.AuditDetail;
import org.seqvault.domain.FileJob;
import org.seqvault.domain.FileJobItem;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeName;
import org.seqvault.domain.NodeType;
import org.seqvault.domain.Permissions.Permission;
import org.seqvault.domain.Problem;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.UserException;
import org.seqvault.service.audit.AuditSubject;
import org.seqvault.service.audit.AuditTarget;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.IdGenerator;
import org.seqvault.service.port.JobRepository;
import org.seqvault.service.port.JobRepository.QueuedFolder;
import org.seqvault.service.port.MetadataStore.Tx;
import org.seqvault.service.port.NodeQuery;
import org.seqvault.service.port.NodeRepository;
import org.seqvault.service.port.NodeRepository.NodeCursor;
import org.seqvault.service.project.Quotas;

/**
 * The work of an async file job, one step per transaction: each step does its share of the work and
 * records how far the job got in the same transaction, so a job resumed after a crash starts exactly
 * where the last commit left it. Steps: SUBMITTED → RESOLVING (the start time); RESOLVING → RUNNING
 * (every item checked and its subtree counted, one query per item); RUNNING: the first unfinished
 * item advances by at most one batch (a file, a move or a delete whole; a folder's copy, its root
 * first, then up to {@code batchSize} nodes of its tree per step, breadth first); none left → FINISHED.
 * Permissions are those of the submitter, checked again when an item starts and at every batch.
 */
final class FileJobWork {
    private final Clock clock;
    private final IdGenerator ids;
    private final Removal removal;
    private final AuditTrail audit;
    private final int batchSize;

    FileJobWork(Clock clock, IdGenerator ids, TrashRetention trash, AuditTrail audit, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        this.clock = clock;
        this.ids = ids;
        this.removal = new Removal(trash, clock);
        this.audit = audit;
        this.batchSize = batchSize;
    }

    /** An item that failed: the step's transaction is rolled back, and {@link #fail} records it in another. */
    static final class ItemFailed extends RuntimeException {
        final int position;
        final UserException why;

        ItemFailed(int position, UserException why) {
            super(why.getMessage(), why, false, false);
            this.position = position;
            this.why = why;
        }
    }

    /** Does the job's next step in {@code tx}; false once the job is finished. */
    boolean step(Tx tx, Principal caller, FileJob job) {
        Instant now = clock.now();
        switch (job.state()) {
            case SUBMITTED -> {
                tx.jobs().update(job.withState(FileJob.State.RESOLVING, now, null));
                return true;
            }
            case RESOLVING -> {
                resolve(tx, caller, job);
                return true;
            }
            case RUNNING -> {
                return run(tx, caller, job, now);
            }
            default -> {
                return false;
            }
        }
    }

    /** Marks item {@code position} failed with {@code why}: what it had not done yet counts as failed. */
    void fail(Tx tx, Principal caller, FileJob job, int position, UserException why) {
        FileJobItem item = tx.jobs().items(job.id()).get(position);
        if (item.state().over()) {
            return;
        }
        tx.jobs().dropQueue(job.id(), position);
        long total = Math.max(item.total(), item.done() + 1);
        FileJobItem failed = item.resolved(total).failed(why.problem(), why.getMessage());
        tx.jobs().updateItem(job.id(), failed);
        tx.jobs().update(job.withCounts(job.totalFiles() + (total - item.total()), job.completedFiles(),
                job.failedFiles() + failed.remaining()));
        audit.refused(tx, caller, action(job.type()), AuditSubject.node(item.sourceId()), asked(job, item), why);
    }

    // ---- resolving ---------------------------------------------------------------------------

    /**
     * Checks every item as it will run and counts what it touches (one query per item); an item that
     * cannot run fails at once and counts one.
     */
    private void resolve(Tx tx, Principal caller, FileJob job) {
        long total = 0;
        long failed = 0;
        for (FileJobItem item : tx.jobs().items(job.id())) {
            try {
                Prepared p = prepare(tx, caller, job.type(), item);
                long nodes = tx.jobs().subtree(p.source().node()).nodes();
                tx.jobs().updateItem(job.id(), item.resolved(nodes));
                total += nodes;
            } catch (UserException e) {
                tx.jobs().updateItem(job.id(), item.resolved(1).failed(e.problem(), e.getMessage()));
                audit.refused(tx, caller, action(job.type()), AuditSubject.node(item.sourceId()), asked(job, item), e);
                total += 1;
                failed += 1;
            }
        }
        tx.jobs().update(job.withState(FileJob.State.RUNNING, job.startedAt(), null).withCounts(total, 0, failed));
    }

    // ---- running -----------------------------------------------------------------------------

    private boolean run(Tx tx, Principal caller, FileJob job, Instant now) {
        FileJobItem item = tx.jobs().items(job.id()).stream().filter(i -> !i.state().over()).findFirst().orElse(null);
        if (item == null) {
            tx.jobs().update(job.withState(FileJob.State.FINISHED, job.startedAt(), now));
            return false;
        }
        try {
            switch (job.type()) {
                case COPY -> {
                    if (item.state() == FileJobItem.State.PENDING) {
                        startCopy(tx, caller, job, item, now);
                    } else {
                        continueCopy(tx, caller, job, item, now);
                    }
                }
                case MOVE -> move(tx, caller, job, item, now);
                case DELETE -> delete(tx, caller, job, item);
            }
        } catch (UserException e) {
            throw new ItemFailed(item.position(), e);
        }
        return true;
    }

    /** Copies a file whole, or a folder's root (queuing it for its tree). */
    private void startCopy(Tx tx, Principal caller, FileJob job, FileJobItem item, Instant now) {
        Prepared p = prepare(tx, caller, FileJob.Type.COPY, item);
        Node source = p.source().node();
        Node target = p.target().node();
        if (!source.isFolder()) {
            Quotas.requireRoom(tx, target.projectId(), p.target().project(), source.size(), null);
        }
        Node copy = insertCopy(tx, source, target, p.name(), now);
        Located copied = new Located(copy, p.target().project());
        audit.done(tx, caller, AuditAction.FILE_COPY, AuditTarget.node(copy, copied.project()),
                jobDetail(job, item).put("from_id", source.id()));
        if (!source.projectId().equals(copy.projectId())) {
            audit.done(tx, caller, AuditAction.FILE_COPY, AuditTarget.node(source, p.source().project()),
                    jobDetail(job, item).put("copy_id", copy.id()));
        }
        FileJobItem started;
        if (source.isFolder()) {
            tx.jobs().enqueue(job.id(), item.position(), source.id(), copy.id());
            started = item.progressed(FileJobItem.State.RUNNING, 1, copy.id(), null);
        } else {
            started = finished(item.progressed(FileJobItem.State.DONE, 1, copy.id(), null));
        }
        tx.jobs().updateItem(job.id(), started);
        tx.jobs().update(job.withCounts(job.totalFiles() + (started.total() - item.total()), job.completedFiles() + 1,
                job.failedFiles()));
    }

    /**
     * Copies up to a batch of the tree below a folder copy: the next children of the first folder queued,
     * then of the next, until the batch is full; child folders join the queue. Copies share the source's
     * bytes and are written set-based, a few statements per folder's share of the batch. A project with a
     * quota must have room for each folder's share as a whole.
     */
    private void continueCopy(Tx tx, Principal caller, FileJob job, FileJobItem item, Instant now) {
        NodeLookup.node(tx, caller, item.sourceId(), Permission.COPY);
        Located root = NodeLookup.node(tx, caller, item.resultId(), Permission.WRITE);
        JobRepository jobs = tx.jobs();
        int budget = batchSize;
        long copied = 0;
        QueuedFolder folder = jobs.nextQueued(job.id()).orElse(null);
        while (budget > 0 && folder != null) {
            Node into = tx.nodes().byId(folder.copyId()).orElse(null);
            List<Node> children = into == null ? List.of()
                    : tx.nodes().queryAfter(NodeQuery.children(folder.sourceId()), folder.after(), budget);
            copyChildren(tx, job, item, root, into, children, now);
            copied += children.size();
            budget -= children.size();
            if (budget > 0) {
                jobs.dequeue(job.id(), folder.seq()); // fewer children than asked for: the folder is done
                folder = jobs.nextQueued(job.id()).orElse(null);
            } else {
                Node last = children.getLast();
                jobs.advance(job.id(), folder.seq(), new NodeCursor(last.isFolder(), last.name(), last.id()));
            }
        }
        boolean done = jobs.nextQueued(job.id()).isEmpty();
        FileJobItem progressed = item.progressed(done ? FileJobItem.State.DONE : FileJobItem.State.RUNNING,
                item.done() + copied, item.resultId(), null);
        if (done) {
            progressed = finished(progressed);
        }
        jobs.updateItem(job.id(), progressed);
        jobs.update(job.withCounts(job.totalFiles() + (progressed.total() - item.total()),
                job.completedFiles() + copied, job.failedFiles()));
    }

    /**
     * Copies {@code children} of one source folder into {@code into} under their own names, queuing the
     * folders among them; a name someone took in the copy meanwhile gets {@code _1_name}, … instead.
     */
    private void copyChildren(Tx tx, FileJob job, FileJobItem item, Located root, Node into, List<Node> children,
                              Instant now) {
        if (children.isEmpty()) {
            return;
        }
        long bytes = 0;
        long files = 0;
        List<NodeRepository.CopyOf> copies = new ArrayList<>(children.size());
        Map<String, Node> sources = new HashMap<>();
        for (Node child : children) {
            NodeName name = child.isFolder() ? NodeName.folder(child.name()) : new NodeName(child.name());
            copies.add(new NodeRepository.CopyOf(child.id(), ids.objectId(), key(into, name, child.isFolder())));
            sources.put(child.id(), child);
            if (!child.isFolder()) {
                bytes += child.size();
                files++;
            }
        }
        Quotas.requireRoomForFiles(tx, into.projectId(), root.project(), bytes, files);
        Set<String> skipped = new HashSet<>(tx.nodes().insertCopies(into.projectId(), into.id(), copies, now));
        for (NodeRepository.CopyOf copy : copies) {
            Node child = sources.get(copy.sourceId());
            String copyId = copy.id();
            if (skipped.contains(copy.sourceId())) {
                copyId = insertCopy(tx, child, into, child.name(), now).id();
            }
            if (child.isFolder()) {
                tx.jobs().enqueue(job.id(), item.position(), child.id(), copyId);
            }
        }
    }

    /**
     * Moves a file or a folder with its whole tree, ids kept, in this one transaction (set-based
     * statements), so nobody ever sees half of a tree moved.
     */
    private void move(Tx tx, Principal caller, FileJob job, FileJobItem item, Instant now) {
        Prepared p = prepare(tx, caller, FileJob.Type.MOVE, item);
        Node source = p.source().node();
        Node target = p.target().node();
        JobRepository.Totals totals = tx.jobs().subtree(source);
        if (!source.projectId().equals(target.projectId())) {
            Quotas.requireRoomForFiles(tx, target.projectId(), p.target().project(), totals.bytes(), totals.files());
        }
        String name = null;
        String key = null;
        for (int n = 0; n <= ClashNames.MAX_RENAMES && name == null; n++) {
            NodeName candidate = ClashNames.candidate(p.name(), source.isFolder(), n);
            String candidateKey = key(target, candidate, source.isFolder());
            if (tx.nodes().moveTree(source, target.id(), candidate.value(), candidateKey, target.projectId(), now)) {
                name = candidate.value();
                key = candidateKey;
            }
        }
        if (name == null) {
            throw ClashNames.allTaken(p.name());
        }
        Node moved = source.withPlace(target.id(), name, key, now);
        audit.done(tx, caller, AuditAction.FILE_MOVE, AuditTarget.node(moved, p.target().project()),
                jobDetail(job, item).put("from", source.key()).put("to", key).put("from_project",
                        p.source().project().id()));
        complete(tx, job, item.progressed(FileJobItem.State.DONE, totals.nodes(), source.id(), null), item);
    }

    /** Deletes a file or a folder with everything in it, as every delete does (to the trash when there is one). */
    private void delete(Tx tx, Principal caller, FileJob job, FileJobItem item) {
        Located found = prepare(tx, caller, FileJob.Type.DELETE, item).source();
        Node node = found.node();
        long nodes = tx.jobs().subtree(node).nodes();
        removal.remove(tx, caller, node);
        AuditDetail detail = jobDetail(job, item);
        if (node.isFolder()) {
            detail.put("folder", true);
        }
        audit.done(tx, caller, AuditAction.FILE_DELETE, AuditTarget.node(node, found.project()), detail);
        FileJobItem.Deleted was = new FileJobItem.Deleted(node.name(), node.isFolder(), node.parentId(),
                found.project().id());
        complete(tx, job, item.progressed(FileJobItem.State.DONE, nodes, node.id(), was), item);
    }

    private void complete(Tx tx, FileJob job, FileJobItem progressed, FileJobItem before) {
        FileJobItem done = finished(progressed);
        tx.jobs().updateItem(job.id(), done);
        tx.jobs().update(job.withCounts(job.totalFiles() + (done.total() - before.total()),
                job.completedFiles() + (done.done() - before.done()), job.failedFiles()));
    }

    /** A finished item counts what it did: the tree may have changed since it was counted. */
    private static FileJobItem finished(FileJobItem item) {
        return item.resolved(item.done());
    }

    // ---- shared ------------------------------------------------------------------------------

    /** An item's source and destination, checked as the job type needs. */
    private record Prepared(Located source, Located target, String name) {
    }

    /**
     * Finds an item's source and destination with the permissions its job needs: copy on the source and
     * write on the destination for a copy, write on both for a move, write for a delete. A project's
     * root folder is neither moved nor deleted, and no folder goes into itself or below itself.
     */
    private static Prepared prepare(Tx tx, Principal caller, FileJob.Type type, FileJobItem item) {
        Located source = NodeLookup.node(tx, caller, item.sourceId(),
                type == FileJob.Type.COPY ? Permission.COPY : Permission.WRITE);
        Node node = source.node();
        if (type == FileJob.Type.DELETE) {
            if (node.isRoot()) {
                throw UserException.invalid("'" + node.id() + "' is the root folder of project '" + source.project()
                        + "'; delete the project instead");
            }
            return new Prepared(source, null, null);
        }
        if (node.isRoot()) {
            throw UserException.invalid("'" + node.id() + "' is the root folder of project '" + source.project()
                    + "'; " + type.pathName() + " the files and folders in it instead");
        }
        Located target = NodeLookup.folder(tx, caller, container(item), Permission.WRITE);
        Node folder = target.node();
        if (node.isFolder() && folder.projectId().equals(node.projectId()) && folder.key().startsWith(node.key())) {
            throw UserException.invalid("folder '" + node.name() + "' cannot be " + (type == FileJob.Type.COPY
                    ? "copied" : "moved") + " into itself or a folder inside it");
        }
        String name = item.name() == null ? node.name() : item.name();
        NodeName checked = node.isFolder() ? NodeName.folder(name) : new NodeName(name);
        key(folder, checked, node.isFolder()); // the v1 key of what goes there must be valid
        return new Prepared(source, target, checked.value());
    }

    /** Where an item goes: exactly one of a folder and a project. */
    private static Container container(FileJobItem item) {
        boolean parent = item.targetParentId() != null;
        boolean project = item.targetProject() != null;
        if (parent && project) {
            throw new UserException(Problem.PROJECT_AND_PARENT, "give either 'parent' or 'project', not both");
        }
        if (!parent && !project) {
            throw new UserException(Problem.NO_PROJECT_OR_PARENT, "give 'parent' (a folder id) or 'project'");
        }
        return parent ? new Container.Folder(item.targetParentId())
                : new Container.ProjectRoot(ProjectRef.parse(item.targetProject()));
    }

    /**
     * Inserts a copy of {@code source} (a file: the same bytes, metadata, tags and origin; a folder: an
     * empty one) into folder {@code into} under {@code name}, or {@code _1_name}, {@code _2_name}, … when taken.
     */
    private Node insertCopy(Tx tx, Node source, Node into, String name, Instant now) {
        for (int n = 0; n <= ClashNames.MAX_RENAMES; n++) {
            NodeName candidate = ClashNames.candidate(name, source.isFolder(), n);
            Node copy = source.isFolder()
                    ? new Node(ids.objectId(), into.projectId(), into.id(), candidate.value(), NodeType.FOLDER,
                    key(into, candidate, true), null, 0, null, null, null, null, null, null, now, now)
                    : new Node(ids.objectId(), into.projectId(), into.id(), candidate.value(), NodeType.FILE,
                    key(into, candidate, false), source.blobId(), source.size(), source.checksums(),
                    source.contentType(), source.description(), source.originTask(), source.metadata(), source.tags(),
                    now, now);
            if (tx.nodes().insert(copy)) {
                return copy;
            }
        }
        throw ClashNames.allTaken(name);
    }

    private static String key(Node folder, NodeName name, boolean isFolder) {
        return isFolder ? Keys.folder(folder.key(), name) : Keys.file(folder.key(), name);
    }

    static AuditAction action(FileJob.Type type) {
        return switch (type) {
            case COPY -> AuditAction.FILE_COPY;
            case MOVE -> AuditAction.FILE_MOVE;
            case DELETE -> AuditAction.FILE_DELETE;
        };
    }

    private static AuditDetail jobDetail(FileJob job, FileJobItem item) {
        return AuditDetail.of().put("job", job.id()).put("item", item.position());
    }

    private static AuditDetail asked(FileJob job, FileJobItem item) {
        return jobDetail(job, item).put("to_folder", item.targetParentId()).put("to_project", item.targetProject())
                .put("name", item.name());
    }
}
