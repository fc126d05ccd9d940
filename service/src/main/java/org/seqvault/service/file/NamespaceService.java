package org.seqvault.service.file;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.UnaryOperator;
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
import org.seqvault.service.auth.Principal;
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
 * moves keep the v1 key right, so both APIs always show the same tree.
 */
public final class NamespaceService {
    public static final int MAX_BULK_ITEMS = 100;

    private final MetadataStore store;
    private final FileService files;
    private final Clock clock;
    private final IdGenerator ids;
    private final Folders folders;

    public NamespaceService(MetadataStore store, FileService files, Clock clock, IdGenerator ids) {
        this.store = store;
        this.files = files;
        this.clock = clock;
        this.ids = ids;
        this.folders = new Folders(ids);
    }

    // ---- reading ------------------------------------------------------------------------

    public Located get(Principal caller, String id) {
        caller.requireScope(Scope.FILES);
        return store.read(tx -> NodeLookup.node(tx, caller, id, Permission.READ));
    }

    /** A folder the caller can read (e.g. the target of an upload, which checks write itself). */
    public Located folder(Principal caller, Container container) {
        caller.requireScope(Scope.FILES);
        return store.read(tx -> NodeLookup.folder(tx, caller, container, Permission.READ));
    }

    /** One offset page of a folder's direct children, with the number of matches in all. */
    public Page<Located> list(Principal caller, Container container, FileFilter filter, long offset, int limit) {
        caller.requireScope(Scope.FILES);
        return store.read(tx -> {
            Located folder = NodeLookup.folder(tx, caller, container, Permission.READ);
            NodeQuery query = filter.in(folder.node().id());
            NodeRepository.CountedPage page = tx.nodes().queryCounted(query, offset, limit);
            long total = page.total() >= 0 ? page.total() : total(tx, query, offset, limit, page.rows().size());
            return new Page<>(located(page.rows(), folder.project()), total);
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

    /** One keyset page of a folder's direct children; stable while files are added or removed. */
    public ScrollPage scroll(Principal caller, Container container, FileFilter filter, String token, int limit) {
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
            return new ScrollPage(located(page, folder.project()), next, total);
        });
    }

    public Metadata metadata(Principal caller, String id) {
        return get(caller, id).node().metadata();
    }

    /** A presigned link to a file's bytes; folders have none. */
    public DownloadLink downloadLink(Principal caller, String id) {
        caller.requireScope(Scope.FILES);
        Node file = store.read(tx -> NodeLookup.node(tx, caller, id, Permission.READ).node());
        if (file.isFolder()) {
            throw new UserException(Problem.FOLDER_DOWNLOAD,
                    "'" + file.name() + "' is a folder; download the files in it one by one");
        }
        return files.link(file);
    }

    // ---- changing one node ---------------------------------------------------------------

    public Located createFolder(Principal caller, Container container, String name) {
        caller.requireScope(Scope.FILES);
        NodeName folderName = NodeName.folder(name);
        return store.write(tx -> {
            Located parent = NodeLookup.folder(tx, caller, container, Permission.WRITE);
            Keys.folder(parent.node().key(), folderName); // the v1 path of what goes in it must stay valid
            return new Located(folders.create(tx, parent.node(), folderName, clock.now()), parent.project());
        });
    }

    /** Renames and changes metadata, tags or origin of one file; see {@link FileEdit.Mode}. */
    public Located edit(Principal caller, FileEdit edit, FileEdit.Mode mode) {
        caller.requireScope(Scope.FILES);
        return store.write(tx -> {
            Located found = NodeLookup.node(tx, caller, edit.id(), Permission.WRITE);
            Node edited = FileEditor.apply(found.node(), edit, mode, clock.now());
            if (edited != found.node()) {
                save(tx, edited);
            }
            return new Located(edited, found.project());
        });
    }

    /** Merges metadata changes in (a null value removes the key) and returns the whole result. */
    public Metadata patchMetadata(Principal caller, String id, Map<String, String> changes) {
        return changeMetadata(caller, id, current -> current.patch(changes));
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
        return changeMetadata(caller, id, current -> replacement);
    }

    public Tags replaceTags(Principal caller, String id, List<String> tags) {
        caller.requireScope(Scope.FILES);
        Tags replacement = new Tags(tags);
        return store.write(tx -> {
            Node node = NodeLookup.node(tx, caller, id, Permission.WRITE).node();
            if (node.isFolder()) {
                throw new UserException(Problem.FOLDER_TAGS, "folders have no tags; '" + node.name() + "' is a folder");
            }
            save(tx, node.withTags(replacement, clock.now()));
            return replacement;
        });
    }

    /**
     * Copies a file into a folder, possibly of another project: a new id over the same bytes
     * (no byte is copied), with the source's metadata, tags and origin.
     */
    public Located copy(Principal caller, String id, Container target, String newName) {
        caller.requireScope(Scope.FILES);
        return store.write(tx -> {
            Node source = NodeLookup.node(tx, caller, id, Permission.COPY).node();
            if (source.isFolder()) {
                throw new UserException(Problem.FOLDER_COPY, "'" + source.name() + "' is a folder; copy its files instead");
            }
            Located parent = NodeLookup.folder(tx, caller, target, Permission.WRITE);
            NodeName name = new NodeName(newName == null ? source.name() : newName);
            // A copy shares the bytes but is a file of the target project, so it counts there in full.
            Quotas.requireRoom(tx, parent.node().projectId(), parent.project(), source.size(), null);
            Instant now = clock.now();
            Node copy = new Node(ids.objectId(), parent.node().projectId(), parent.node().id(), name.value(),
                    NodeType.FILE, Keys.file(parent.node().key(), name), source.blobId(), source.size(),
                    source.checksums(), source.contentType(), source.description(), source.originTask(),
                    source.metadata(), source.tags(), now, now);
            if (!tx.nodes().insert(copy)) {
                throw nameExists(name.value());
            }
            return new Located(copy, parent.project());
        });
    }

    /** Moves (and optionally renames) a file to another folder of the same project; it keeps its id. */
    public Located move(Principal caller, String id, Container target, String newName) {
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
            return new Located(moved, source.project());
        });
    }

    /** Deletes a file or an empty folder and returns what it was. The bytes go when no file points to them. */
    public Located delete(Principal caller, String id) {
        caller.requireScope(Scope.FILES);
        return store.write(tx -> {
            Located found = NodeLookup.node(tx, caller, id, Permission.WRITE);
            Node node = found.node();
            if (node.isRoot()) {
                throw UserException.invalid("'" + id + "' is the root folder of project '" + found.project()
                        + "'; delete the project instead");
            }
            if (node.isFolder() && tx.nodes().hasChildren(node.id())) {
                throw new UserException(Problem.FOLDER_NOT_EMPTY,
                        "folder '" + node.name() + "' is not empty; delete what is in it first");
            }
            tx.nodes().delete(node.id());
            return found;
        });
    }

    // ---- bulk -----------------------------------------------------------------------------

    public List<BulkResult> bulkGet(Principal caller, List<String> fileIds) {
        return each(caller, fileIds, id -> get(caller, id));
    }

    public List<BulkResult> bulkDelete(Principal caller, List<String> fileIds) {
        return each(caller, fileIds, id -> delete(caller, id));
    }

    /** Bulk update (REPLACE) or bulk edit (MERGE); each item commits on its own. */
    public List<BulkResult> bulkEdit(Principal caller, List<FileEdit> edits, FileEdit.Mode mode) {
        return each(caller, edits, edit -> edit(caller, edit, mode));
    }

    /** Runs one call per item, in input order; an item's failure is its result and does not stop the rest. */
    private <T> List<BulkResult> each(Principal caller, List<T> items, Function<T, Located> call) {
        caller.requireScope(Scope.FILES);
        if (items.size() > MAX_BULK_ITEMS) {
            throw new UserException(Problem.TOO_MANY_ITEMS,
                    "a bulk call takes at most " + MAX_BULK_ITEMS + " items; this one has " + items.size());
        }
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

    private Metadata changeMetadata(Principal caller, String id, UnaryOperator<Metadata> change) {
        caller.requireScope(Scope.FILES);
        return store.write(tx -> {
            Node node = NodeLookup.node(tx, caller, id, Permission.WRITE).node();
            if (node.isFolder()) {
                throw new UserException(Problem.FOLDER_METADATA,
                        "folders have no metadata; '" + node.name() + "' is a folder");
            }
            Metadata updated = change.apply(node.metadata());
            save(tx, node.withMetadata(updated, clock.now()));
            return updated;
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
