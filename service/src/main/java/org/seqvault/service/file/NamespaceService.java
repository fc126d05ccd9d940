package org.seqvault.service.file;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.seqvault.domain.AuditAction;
import org.seqvault.domain.AuditDetail;
import org.seqvault.domain.Metadata;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeName;
import org.seqvault.domain.NodeType;
import org.seqvault.domain.Permissions.Permission;
import org.seqvault.domain.Problem;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.Scope;
import org.seqvault.domain.Tags;
import org.seqvault.domain.UserException;
import org.seqvault.service.audit.AuditSubject;
import org.seqvault.service.audit.AuditTarget;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.extract.ExtractionStatus;
import org.seqvault.service.extract.ExtractionStatuses;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.IdGenerator;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.MetadataStore.Tx;
import org.seqvault.service.port.NodeQuery;
import org.seqvault.service.port.NodeRepository;
import org.seqvault.service.port.NodeRepository.NodeCursor;
import org.seqvault.service.project.Quotas;
import org.seqvault.service.support.Page;

/**
 * Files and folders by id (the Seven Bridges view of the namespace): get, list, scroll,
 * rename, metadata, tags, copy, move, folders, delete, bulk calls and download links. Every
 * call needs the {@code files} scope; reads need read permission in the node's project,
 * changes need write, copies need copy in the source and write in the target. Renames and
 * moves keep the v1 key right, so both APIs always show the same tree. Every change, and every
 * download link handed out, is recorded in the audit trail in the transaction that makes it.
 */
public final class NamespaceService {
    public static final int MAX_BULK_ITEMS = 100;

    private final MetadataStore store;
    private final FileService files;
    private final Clock clock;
    private final IdGenerator ids;
    private final Folders folders;
    private final Removal removal;
    private final AuditTrail audit;

    /** Deletes move files and folders to their project's trash for {@code trash} (zero: no trash). */
    public NamespaceService(MetadataStore store, FileService files, Clock clock, IdGenerator ids, TrashRetention trash,
                            AuditTrail audit) {
        this.store = store;
        this.files = files;
        this.clock = clock;
        this.ids = ids;
        this.folders = new Folders(ids);
        this.removal = new Removal(trash, clock);
        this.audit = audit;
    }

    // ---- reading ------------------------------------------------------------------------

    /** A file or folder, with the index files beside it when it is an indexable data file. */
    public Located get(Principal caller, String id) {
        return get(caller, id, null);
    }

    /**
     * As {@link #get(Principal, String)}, with the file's extraction status from {@code statuses} read
     * in the same transaction (null: none asked for).
     */
    public Located get(Principal caller, String id, ExtractionStatuses statuses) {
        caller.requireScope(Scope.FILES);
        return store.read(tx -> withStatuses(tx, statuses,
                List.of(IndexFiles.attach(tx, NodeLookup.node(tx, caller, id, Permission.READ)))).getFirst());
    }

    /**
     * The folder an upload is to go to, which the caller can read (opening the upload checks write
     * itself). Refusing it refuses the upload, so the audit trail records a refused file.upload.
     */
    public Located uploadFolder(Principal caller, Container container) {
        return audit.attempt(caller, List.of(AuditAction.FILE_UPLOAD), FileAudit.subject(container),
                AuditDetail.of().put("stage", "open"), attempt -> {
                    caller.requireScope(Scope.FILES);
                    return store.read(tx -> NodeLookup.folder(tx, caller, container, Permission.READ));
                });
    }

    /**
     * One offset page of a folder's direct children, with the number of matches in all, and the files'
     * extraction statuses from {@code statuses} read in the same transaction (null: none asked for).
     */
    public Page<Located> list(Principal caller, Container container, FileFilter filter, long offset, int limit,
                              ExtractionStatuses statuses) {
        caller.requireScope(Scope.FILES);
        return store.read(tx -> {
            Located folder = NodeLookup.folder(tx, caller, container, Permission.READ);
            NodeQuery query = filter.in(folder.node().id());
            NodeRepository.CountedPage page = tx.nodes().queryCounted(query, offset, limit);
            long total = page.total() >= 0 ? page.total() : total(tx, query, offset, limit, page.rows().size());
            return new Page<>(withStatuses(tx, statuses, IndexFiles.attach(tx, located(page.rows(), folder.project()))),
                    total);
        });
    }

    /**
     * The number of matches in all. A page shorter than asked for ends the matches, so when it
     * holds rows (or starts at the first match) the total is known from the same snapshot and
     * no COUNT over the whole filter is run; a full or empty page past the start still counts.
     */
    private static long total(Tx tx, NodeQuery query, long offset, int limit, int rows) {
        boolean endSeen = rows < limit && (rows > 0 || offset == 0);
        return endSeen ? offset + rows : tx.nodes().count(query);
    }

    /**
     * One keyset page of a folder's direct children; stable while files are added or removed. The
     * files' extraction statuses come from {@code statuses} in the same transaction (null: none asked for).
     */
    public ScrollPage scroll(Principal caller, Container container, FileFilter filter, String token, int limit,
                             ExtractionStatuses statuses) {
        caller.requireScope(Scope.FILES);
        NodeCursor after = ScrollToken.decode(token);
        return store.read(tx -> {
            Located folder = NodeLookup.folder(tx, caller, container, Permission.READ);
            NodeQuery query = filter.in(folder.node().id());
            List<Node> rows = tx.nodes().queryAfter(query, after, limit + 1);
            boolean more = rows.size() > limit;
            List<Node> page = more ? rows.subList(0, limit) : rows;
            Node last = more ? page.getLast() : null;
            String next = last == null ? null : ScrollToken.encode(new NodeCursor(last.isFolder(), last.name(), last.id()));
            // The first page of a scroll is an offset page at 0; later ones do not know what lies before them.
            long total = after == null ? total(tx, query, 0, limit + 1, rows.size()) : tx.nodes().count(query);
            return new ScrollPage(withStatuses(tx, statuses, IndexFiles.attach(tx, located(page, folder.project()))),
                    next, total);
        });
    }

    /**
     * The located files with their extraction statuses, asked in the reading's own transaction: one
     * query, and only when some file has a name SeqVault reads; no extra transaction per answer.
     */
    private static List<Located> withStatuses(Tx tx, ExtractionStatuses statuses, List<Located> located) {
        if (statuses == null) {
            return located;
        }
        List<String> askable = ExtractionStatuses.askable(located.stream().map(Located::node).toList());
        if (askable.isEmpty()) {
            return located;
        }
        Map<String, ExtractionStatus> found = statuses.of(tx, askable);
        return located.stream().map(l -> l.withExtraction(found.get(l.node().id()))).toList();
    }

    public Metadata metadata(Principal caller, String id) {
        return get(caller, id).node().metadata();
    }

    /**
     * A presigned link to a file's bytes; folders have none. A write: the link is handed out only
     * once the audit record of handing it out is committed.
     */
    public DownloadLink downloadLink(Principal caller, String id) {
        return audit.attempt(caller, AuditAction.FILE_DOWNLOAD_URL, AuditSubject.node(id), attempt -> {
            caller.requireScope(Scope.FILES);
            return store.write(tx -> {
                Located found = NodeLookup.node(tx, caller, id, Permission.READ);
                Node file = found.node();
                if (file.isFolder()) {
                    throw new UserException(Problem.FOLDER_DOWNLOAD,
                            "'" + file.name() + "' is a folder; download the files in it one by one");
                }
                DownloadLink link = files.link(file);
                attempt.ok(tx, AuditTarget.node(file, found.project()), FileAudit.handedOut(link));
                return link;
            });
        });
    }

    // ---- changing one node ---------------------------------------------------------------

    public Located createFolder(Principal caller, Container container, String name) {
        return audit.attempt(caller, List.of(AuditAction.FOLDER_CREATE), FileAudit.subject(container),
                AuditDetail.of().put("name", name), attempt -> {
                    caller.requireScope(Scope.FILES);
                    NodeName folderName = NodeName.folder(name);
                    return store.write(tx -> {
                        Located parent = NodeLookup.folder(tx, caller, container, Permission.WRITE);
                        Keys.folder(parent.node().key(), folderName); // the v1 path of what goes in it must stay valid
                        Node folder = folders.create(tx, parent.node(), folderName, clock.now());
                        attempt.ok(tx, AuditTarget.node(folder, parent.project()), null);
                        return new Located(folder, parent.project());
                    });
                });
    }

    /**
     * Renames and changes metadata, tags or origin of one file; see {@link FileEdit.Mode}. Each
     * kind of change is its own audit record (file.rename, file.metadata, file.tags).
     */
    public Located edit(Principal caller, FileEdit edit, FileEdit.Mode mode) {
        return audit.attempt(caller, FileAudit.actions(edit, mode), AuditSubject.node(edit.id()), FileAudit.asked(edit),
                attempt -> {
                    caller.requireScope(Scope.FILES);
                    return store.write(tx -> {
                        Located found = NodeLookup.node(tx, caller, edit.id(), Permission.WRITE);
                        Node edited = FileEditor.apply(found.node(), edit, mode, clock.now());
                        if (edited != found.node()) {
                            save(tx, edited);
                            FileAudit.edited(tx, attempt, found, edited);
                        }
                        return new Located(edited, found.project());
                    });
                });
    }

    /** Merges metadata changes in (a null value removes the key) and returns the whole result. */
    public Metadata patchMetadata(Principal caller, String id, Map<String, String> changes) {
        return changeMetadata(caller, id, FileAudit.keys(changes), current -> current.patch(changes));
    }

    /** Replaces all metadata (null values are dropped) and returns the result. */
    public Metadata replaceMetadata(Principal caller, String id, Map<String, String> values) {
        Map<String, String> given = new HashMap<>();
        values.forEach((k, v) -> {
            if (v != null) {
                given.put(k, v);
            }
        });
        Metadata replacement = new Metadata(given);
        return changeMetadata(caller, id, FileAudit.keys(values), current -> replacement);
    }

    public Tags replaceTags(Principal caller, String id, List<String> tags) {
        return audit.attempt(caller, List.of(AuditAction.FILE_TAGS), AuditSubject.node(id),
                AuditDetail.of().put("tags", tags), attempt -> {
                    caller.requireScope(Scope.FILES);
                    Tags replacement = new Tags(tags);
                    return store.write(tx -> {
                        Located found = NodeLookup.node(tx, caller, id, Permission.WRITE);
                        Node node = found.node();
                        if (node.isFolder()) {
                            throw new UserException(Problem.FOLDER_TAGS,
                                    "folders have no tags; '" + node.name() + "' is a folder");
                        }
                        Node tagged = node.withTags(replacement, clock.now());
                        save(tx, tagged);
                        FileAudit.edited(tx, attempt, found, tagged);
                        return replacement;
                    });
                });
    }

    /**
     * Copies a file into a folder, possibly of another project: a new id over the same bytes
     * (no byte is copied), with the source's metadata, tags and origin. When the name is taken
     * there, the copy is named {@code _1_name} ({@code _2_name}, …: the smallest free), as the
     * platform does.
     */
    public Located copy(Principal caller, String id, Container target, String newName) {
        return copy(caller, id, target, newName, true);
    }

    /** As {@link #copy(Principal, String, Container, String)}; without {@code renameOnClash} a taken name is a conflict. */
    public Located copy(Principal caller, String id, Container target, String newName, boolean renameOnClash) {
        return audit.attempt(caller, List.of(AuditAction.FILE_COPY), AuditSubject.node(id),
                FileAudit.destination(target, newName),
                attempt -> copy(caller, id, target, newName, renameOnClash, attempt));
    }

    private Located copy(Principal caller, String id, Container target, String newName, boolean renameOnClash,
                         AuditTrail.Attempt attempt) {
        caller.requireScope(Scope.FILES);
        return store.write(tx -> {
            Located from = NodeLookup.node(tx, caller, id, Permission.COPY);
            Node source = from.node();
            if (source.isFolder()) {
                throw new UserException(Problem.FOLDER_COPY, "'" + source.name() + "' is a folder; copy its files instead");
            }
            Located parent = NodeLookup.folder(tx, caller, target, Permission.WRITE);
            String wanted = new NodeName(newName == null ? source.name() : newName).value();
            // A copy shares the bytes but is a file of the target project, so it counts there in full.
            Quotas.requireRoom(tx, parent.node().projectId(), parent.project(), source.size(), null);
            Instant now = clock.now();
            String copyId = ids.objectId();
            Function<NodeName, Node> copyNamed = name -> new Node(copyId, parent.node().projectId(),
                    parent.node().id(), name.value(), NodeType.FILE, Keys.file(parent.node().key(), name),
                    source.blobId(), source.size(), source.checksums(), source.contentType(), source.description(),
                    source.originTask(), source.metadata(), source.tags(), now, now);
            Node copy;
            if (renameOnClash) {
                copy = ClashNames.insertUnderFreeName(tx.nodes(), wanted, false, copyNamed);
            } else {
                copy = copyNamed.apply(new NodeName(wanted));
                if (!tx.nodes().insert(copy)) {
                    throw nameExists(wanted);
                }
            }
            Located copied = new Located(copy, parent.project());
            FileAudit.copied(tx, attempt, from, copied);
            return copied;
        });
    }

    /** Moves (and optionally renames) a file to another folder of the same project; it keeps its id. */
    public Located move(Principal caller, String id, Container target, String newName) {
        return audit.attempt(caller, List.of(AuditAction.FILE_MOVE), AuditSubject.node(id),
                FileAudit.destination(target, newName), attempt -> move(caller, id, target, newName, attempt));
    }

    private Located move(Principal caller, String id, Container target, String newName, AuditTrail.Attempt attempt) {
        caller.requireScope(Scope.FILES);
        return store.write(tx -> {
            Located source = NodeLookup.node(tx, caller, id, Permission.WRITE);
            Node file = source.node();
            if (file.isFolder()) {
                throw new UserException(Problem.FOLDER_MOVE, "'" + file.name() + "' is a folder; folders cannot be moved");
            }
            // Read is enough here: the target must be in the source's project, where write was checked.
            Node parent = NodeLookup.folder(tx, caller, target, Permission.READ).node();
            if (!parent.projectId().equals(file.projectId())) {
                throw new UserException(Problem.MOVE_ACROSS_PROJECTS,
                        "files move only within their project; copy the file to the other project instead");
            }
            NodeName name = new NodeName(newName == null ? file.name() : newName);
            Node moved = file.withPlace(parent.id(), name.value(), Keys.file(parent.key(), name), clock.now());
            save(tx, moved);
            attempt.ok(tx, AuditTarget.node(moved, source.project()),
                    AuditDetail.of().put("from", file.key()).put("to", moved.key()));
            return new Located(moved, source.project());
        });
    }

    /** Deletes a file or an empty folder and returns what it was; see {@link #delete(Principal, String, boolean)}. */
    public Located delete(Principal caller, String id) {
        return delete(caller, id, false);
    }

    /**
     * Deletes a file or a folder (a folder that is not empty only when {@code recursive}, and then with
     * everything in it) and returns what it was. With a trash it goes to its project's trash as one
     * item; the bytes go when it leaves the trash and no file points to them any more.
     */
    public Located delete(Principal caller, String id, boolean recursive) {
        return audit.attempt(caller, AuditAction.FILE_DELETE, AuditSubject.node(id),
                attempt -> delete(caller, id, recursive, attempt));
    }

    private Located delete(Principal caller, String id, boolean recursive, AuditTrail.Attempt attempt) {
        caller.requireScope(Scope.FILES);
        return store.write(tx -> {
            Located found = NodeLookup.node(tx, caller, id, Permission.WRITE);
            Node node = found.node();
            if (node.isRoot()) {
                throw UserException.invalid("'" + id + "' is the root folder of project '" + found.project()
                        + "'; delete the project instead");
            }
            if (node.isFolder() && !recursive && tx.nodes().hasChildren(node.id())) {
                throw new UserException(Problem.FOLDER_NOT_EMPTY,
                        "folder '" + node.name() + "' is not empty; delete what is in it first");
            }
            removal.remove(tx, caller, node);
            attempt.ok(tx, AuditTarget.node(node, found.project()), FileAudit.deleted(node));
            return found;
        });
    }

    // ---- bulk -----------------------------------------------------------------------------

    public List<BulkResult> bulkGet(Principal caller, List<String> fileIds) {
        return each(caller, List.of(), fileIds, id -> get(caller, id));
    }

    /** Each item is deleted, and audited, on its own. */
    public List<BulkResult> bulkDelete(Principal caller, List<String> fileIds) {
        return each(caller, List.of(AuditAction.FILE_DELETE), fileIds, id -> delete(caller, id));
    }

    /**
     * Copies files into a project's root folder ({@code POST /action/files/copy}): each distinct id
     * once, in input order, as its own single copy (one write, the quota checked, one audit record),
     * a taken name renamed to {@code _1_name}, …; an id that fails (unknown, hidden, a folder, no
     * room) fails alone. The destination is the whole call's: one the caller cannot write refuses it.
     *
     * @return the result of each distinct id, keyed by it, in the order the ids were first given
     */
    public Map<String, BulkResult> bulkCopy(Principal caller, List<String> fileIds, ProjectRef project) {
        Container root = new Container.ProjectRoot(project);
        audit.attempt(caller, List.of(AuditAction.FILE_COPY), FileAudit.subject(root),
                AuditDetail.of().put("items", fileIds.size()).put("to_project", project.id()), attempt -> {
                    caller.requireScope(Scope.FILES);
                    requireAtMostBulk(fileIds.size());
                    return store.read(tx -> NodeLookup.folder(tx, caller, root, Permission.WRITE));
                });
        Map<String, BulkResult> results = new LinkedHashMap<>();
        for (String id : fileIds) {
            if (results.containsKey(id)) {
                continue;
            }
            try {
                results.put(id, BulkResult.ok(copy(caller, id, root, null, true)));
            } catch (UserException e) {
                results.put(id, BulkResult.failed(e));
            }
        }
        return results;
    }

    /** Bulk update (REPLACE) or bulk edit (MERGE); each item commits, and is audited, on its own. */
    public List<BulkResult> bulkEdit(Principal caller, List<FileEdit> edits, FileEdit.Mode mode) {
        List<AuditAction> actions = edits.stream().flatMap(e -> FileAudit.actions(e, mode).stream()).distinct().toList();
        return each(caller, actions, edits, edit -> edit(caller, edit, mode));
    }

    /**
     * Runs one call per item, in input order; an item's failure is its result and does not stop the
     * rest. A call refused as a whole is audited once, as {@code audited}, with its number of items.
     */
    private <T> List<BulkResult> each(Principal caller, List<AuditAction> audited, List<T> items,
                                      Function<T, Located> call) {
        audit.attempt(caller, audited, AuditSubject.NONE, AuditDetail.of().put("items", items.size()), attempt -> {
            caller.requireScope(Scope.FILES);
            requireAtMostBulk(items.size());
            return null;
        });
        List<BulkResult> results = new ArrayList<>(items.size());
        for (T item : items) {
            try {
                results.add(BulkResult.ok(call.apply(item)));
            } catch (UserException e) {
                results.add(BulkResult.failed(e));
            }
        }
        return results;
    }

    // ---- helpers --------------------------------------------------------------------------

    private static void requireAtMostBulk(int items) {
        if (items > MAX_BULK_ITEMS) {
            throw new UserException(Problem.TOO_MANY_ITEMS,
                    "a bulk call takes at most " + MAX_BULK_ITEMS + " items; this one has " + items);
        }
    }

    private Metadata changeMetadata(Principal caller, String id, AuditDetail asked, UnaryOperator<Metadata> change) {
        return audit.attempt(caller, List.of(AuditAction.FILE_METADATA), AuditSubject.node(id), asked, attempt -> {
            caller.requireScope(Scope.FILES);
            return store.write(tx -> {
                Located found = NodeLookup.node(tx, caller, id, Permission.WRITE);
                Node node = found.node();
                if (node.isFolder()) {
                    throw new UserException(Problem.FOLDER_METADATA,
                            "folders have no metadata; '" + node.name() + "' is a folder");
                }
                Metadata updated = change.apply(node.metadata());
                Node changed = node.withMetadata(updated, clock.now());
                save(tx, changed);
                FileAudit.edited(tx, attempt, found, changed);
                return updated;
            });
        });
    }

    private static void save(Tx tx, Node node) {
        if (!tx.nodes().update(node)) {
            throw nameExists(node.name());
        }
    }

    private static List<Located> located(List<Node> nodes, ProjectRef project) {
        return nodes.stream().map(n -> new Located(n, project)).toList();
    }

    private static UserException nameExists(String name) {
        return new UserException(Problem.NAME_EXISTS, "a file or folder named '" + name + "' already exists there");
    }
}
