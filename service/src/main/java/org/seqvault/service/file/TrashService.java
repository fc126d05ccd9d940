package org.seqvault.service.file;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.seqvault.domain.AuditAction;
import org.seqvault.domain.AuditDetail;
import org.seqvault.domain.FileKey;
import org.seqvault.domain.FolderPath;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeName;
import org.seqvault.domain.Permissions.Permission;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.Scope;
import org.seqvault.domain.TrashItem;
import org.seqvault.domain.UserException;
import org.seqvault.service.audit.AuditSubject;
import org.seqvault.service.audit.AuditTarget;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.IdGenerator;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.MetadataStore.Tx;
import org.seqvault.service.port.TrashRepository;
import org.seqvault.service.project.Access;
import org.seqvault.service.support.Page;

/**
 * A project's trash: what deletes put there ({@link Removal}), listed, restored and emptied.
 * Every call needs the {@code files} scope; listing needs read in the project, restoring write,
 * emptying admin (it makes deletes final). Items past their expiry are neither listed nor
 * restorable; the collector then deletes them in batches ({@link org.seqvault.service.gc.Collector}).
 */
public final class TrashService {
    /** How far "_N_name" goes looking for a free name before a restore gives up. */

    private final MetadataStore store;
    private final Clock clock;
    private final Folders folders;
    private final AuditTrail audit;

    public TrashService(MetadataStore store, Clock clock, IdGenerator ids, AuditTrail audit) {
        this.store = store;
        this.clock = clock;
        this.folders = new Folders(ids);
        this.audit = audit;
    }

    /**
     * One page of the project's trash, the most recently deleted first, with the number of items in all.
     *
     * @param path only items that were at this path ("raw/x.vcf", a folder "raw/sub"), or null for all
     */
    public Page<TrashItem> list(Principal caller, ProjectRef ref, String path, long offset, int limit) {
        caller.requireScope(Scope.FILES);
        String wanted = normalizedPath(path);
        Instant now = clock.now();
        return store.read(tx -> {
            Project project = project(tx, caller, ref, Permission.READ);
            List<TrashItem> items = tx.trash().list(project.id(), wanted, now, offset, limit);
            boolean endSeen = items.size() < limit && (!items.isEmpty() || offset == 0);
            long total = endSeen ? offset + items.size() : tx.trash().count(project.id(), wanted, now);
            return new Page<>(items, total);
        });
    }

    /**
     * Puts an item back where it was, with its id, metadata and tags (a folder with everything that
     * was in it), recreating the folders above it that are gone. When its name is taken there, it
     * comes back as {@code _1_name} (or {@code _2_name}, …, the smallest free).
     *
     * @return the restored file or folder, at its place now
     */
    public Located restore(Principal caller, ProjectRef ref, String itemId) {
        return audit.attempt(caller, AuditAction.FILE_RESTORE, AuditSubject.project(ref),
                attempt -> restore(caller, ref, itemId, attempt));
    }

    private Located restore(Principal caller, ProjectRef ref, String itemId, AuditTrail.Attempt attempt) {
        caller.requireScope(Scope.FILES);
        if (itemId == null || itemId.isBlank()) {
            throw new UserException(Problem.INVALID_ID, "the id of a trash item is required");
        }
        return store.write(tx -> {
            Instant now = clock.now();
            Project project = project(tx, caller, ref, Permission.WRITE);
            TrashItem item = tx.trash().item(project.id(), itemId, now).orElseThrow(() -> notInTrash(itemId, ref));
            Node parent = folders.ensure(tx, project, FolderPath.parse(item.folderKey()), now);
            for (int n = 0; n <= ClashNames.MAX_RENAMES; n++) {
                NodeName name = ClashNames.candidate(item.name(), item.isFolder(), n);
                if (tx.nodes().child(parent.id(), name.value()).isPresent()) {
                    continue;
                }
                String key = item.isFolder() ? Keys.folder(parent.key(), name) : Keys.file(parent.key(), name);
                if (tx.trash().restore(item, parent.id(), name.value(), key, now)) {
                    Node restored = tx.nodes().byId(item.id())
                            .orElseThrow(() -> new IllegalStateException("restored node " + item.id() + " is missing"));
                    attempt.ok(tx, AuditTarget.node(restored, project.ref()),
                            AuditDetail.of().put("from", item.key()).put("to", restored.key()));
                    return new Located(restored, project.ref());
                }
                // The name was taken a moment ago (PostgreSQL), or the item went meanwhile.
                if (tx.trash().item(project.id(), itemId, now).isEmpty()) {
                    throw notInTrash(itemId, ref);
                }
            }
            throw ClashNames.allTaken(item.name());
        });
    }

    /**
     * Empties the project's trash: every item in it expires now, so nothing of it can be restored; the
     * collector's next pass deletes the rows and the bytes no other file shares.
     */
    public TrashRepository.Expired empty(Principal caller, ProjectRef ref) {
        return audit.attempt(caller, AuditAction.TRASH_EMPTY, AuditSubject.project(ref), attempt -> {
            caller.requireScope(Scope.FILES);
            return store.write(tx -> {
                Project project = project(tx, caller, ref, Permission.ADMIN);
                TrashRepository.Expired emptied = tx.trash().expireAll(project.id(), clock.now());
                attempt.ok(tx, AuditTarget.project(project), AuditDetail.of().put("items", emptied.items())
                        .put("files", emptied.files()).put("size", emptied.size()));
                return emptied;
            });
        });
    }

    private static Project project(Tx tx, Principal caller, ProjectRef ref, Permission needed) {
        Project project = tx.projects().byRef(ref).orElseThrow(() -> Access.notFound(ref.id()));
        Access.require(tx, caller, project, needed);
        return project;
    }

    /** "raw/x.vcf", "raw/sub" or "raw/sub/" as written; a leading '/' is dropped, a blank path is no filter. */
    private static String normalizedPath(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        p = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        if (p.getBytes(StandardCharsets.UTF_8).length > FileKey.MAX_BYTES || p.chars().anyMatch(c -> c < 0x20)) {
            throw new UserException(Problem.INVALID_KEY,
                    "path must be at most " + FileKey.MAX_BYTES + " bytes without control characters");
        }
        return p;
    }

    private static UserException notInTrash(String itemId, ProjectRef ref) {
        return new UserException(Problem.FILE_NOT_FOUND,
                "nothing with id '" + itemId + "' in the trash of project '" + ref.id() + "'");
    }
}
