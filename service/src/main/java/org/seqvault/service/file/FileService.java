package org.seqvault.service.file;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.seqvault.domain.AuditAction;
import org.seqvault.domain.Blob;
import org.seqvault.domain.FileKey;
import org.seqvault.domain.Node;
import org.seqvault.domain.Permissions.Permission;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Project;
import org.seqvault.domain.Scope;
import org.seqvault.domain.UserException;
import org.seqvault.service.audit.AuditSubject;
import org.seqvault.service.audit.AuditTarget;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.MetadataStore.Tx;
import org.seqvault.service.project.Access;
import org.seqvault.service.support.Cursors;

/**
 * Reading and deleting files by workspace and key (the v1 view), and download links for any file.
 * Deletions and download links handed out are recorded in the audit trail.
 */
public final class FileService {
    public static final int MAX_PREFIX_BYTES = FileKey.MAX_BYTES;

    private final MetadataStore store;
    private final BlobStore blobs;
    private final Clock clock;
    private final Duration presignTtl;
    private final AuditTrail audit;

    public FileService(MetadataStore store, BlobStore blobs, Clock clock, Duration presignTtl, AuditTrail audit) {
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
        this.presignTtl = presignTtl;
        this.audit = audit;
    }

    /** Files of a workspace whose key starts with {@code prefix}, by key, continuing after {@code cursor}. */
    public KeyListing list(Principal caller, String workspaceId, String prefix, int limit, String cursor) {
        caller.requireScope(Scope.FILES);
        String p = prefix == null ? "" : prefix;
        if (p.getBytes(StandardCharsets.UTF_8).length > MAX_PREFIX_BYTES || p.chars().anyMatch(c -> c < 0x20)) {
            throw new UserException(Problem.INVALID_KEY,
                    "prefix must be at most " + MAX_PREFIX_BYTES + " bytes without control characters");
        }
        String after = cursor == null || cursor.isEmpty() ? null : Cursors.decode(cursor);
        return store.read(tx -> {
            Project project = readableWorkspace(tx, caller, workspaceId, Permission.READ);
            List<Node> rows = tx.nodes().filesByKeyPrefix(project.id(), p, after, limit + 1);
            boolean more = rows.size() > limit;
            List<Node> page = more ? rows.subList(0, limit) : rows;
            String next = more ? Cursors.encode(page.get(page.size() - 1).key()) : null;
            return new KeyListing(page, next);
        });
    }

    public Node fileByKey(Principal caller, String workspaceId, FileKey key) {
        caller.requireScope(Scope.FILES);
        return store.read(tx -> {
            Project project = readableWorkspace(tx, caller, workspaceId, Permission.READ);
            return findByKey(tx, project, key);
        });
    }

    public void deleteByKey(Principal caller, String workspaceId, FileKey key) {
        audit.attempt(caller, AuditAction.FILE_DELETE, AuditSubject.key(workspaceId, key.value()), attempt -> {
            deleteByKey(caller, workspaceId, key, attempt);
            return null;
        });
    }

    private void deleteByKey(Principal caller, String workspaceId, FileKey key, AuditTrail.Attempt attempt) {
        caller.requireScope(Scope.FILES);
        store.write(tx -> {
            Project project = readableWorkspace(tx, caller, workspaceId, Permission.WRITE);
            Node file = findByKey(tx, project, key);
            // The blob stays until the collector finds no file pointing to it.
            tx.nodes().delete(file.id());
            attempt.ok(tx, AuditTarget.node(file, project.ref()), null);
            return null;
        });
    }

    /**
     * A presigned download link for a workspace file. A write: the link is handed out only once the
     * audit record of handing it out is committed.
     */
    public DownloadLink downloadByKey(Principal caller, String workspaceId, FileKey key) {
        return audit.attempt(caller, AuditAction.FILE_DOWNLOAD_URL, AuditSubject.key(workspaceId, key.value()),
                attempt -> {
                    caller.requireScope(Scope.FILES);
                    return store.write(tx -> {
                        Project project = readableWorkspace(tx, caller, workspaceId, Permission.READ);
                        Node file = findByKey(tx, project, key);
                        DownloadLink link = link(file, blobOf(tx, file));
                        attempt.ok(tx, AuditTarget.node(file, project.ref()), FileAudit.handedOut(link));
                        return link;
                    });
                });
    }

    /** A presigned link for a file the caller has already been authorised to read. */
    public DownloadLink link(Node file, Blob blob) {
        Instant expires = clock.now().plus(presignTtl);
        BlobStore.Presigned p = blobs.presignDownload(blob, file.name(), expires);
        return new DownloadLink(p.url(), p.expires(), file);
    }

    static Blob blobOf(Tx tx, Node file) {
        return tx.blobs().byId(file.blobId())
                .orElseThrow(() -> new IllegalStateException("file " + file.id() + " points to a missing blob"));
    }

    static Project readableWorkspace(Tx tx, Principal caller, String workspaceId, Permission needed) {
        if (workspaceId == null || workspaceId.isEmpty()) {
            throw UserException.invalid("workspace_id is required");
        }
        Project project = tx.projects().byId(workspaceId).orElseThrow(() -> Access.notFound(workspaceId));
        Access.require(tx, caller, project, needed, workspaceId);
        return project;
    }

    private static Node findByKey(Tx tx, Project project, FileKey key) {
        return tx.nodes().fileByKey(project.id(), key.value())
                .orElseThrow(() -> new UserException(Problem.FILE_NOT_FOUND, "no file with key '" + key + "'"));
    }
}
