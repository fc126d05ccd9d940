package org.seqvault.service.file;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
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
import org.seqvault.service.presign.DownloadUrls;
import org.seqvault.service.project.Access;
import org.seqvault.service.support.Cursors;

/**
 * Reading and deleting files by workspace and key (the v1 view), and download links for any file.
 * Deletions and download links handed out are recorded in the audit trail.
 */
public final class FileService {
    public static final int MAX_PREFIX_BYTES = FileKey.MAX_BYTES;
    /**
     * Lifetime of the blob store's own URL that a download is redirected to. Clients follow a
     * redirect at once; short, because it names the blob and so outlives a delete of the file.
     */
    static final Duration REDIRECT_TTL = Duration.ofMinutes(1);

    private final MetadataStore store;
    private final BlobStore blobs;
    private final Clock clock;
    private final Duration presignTtl;
    private final DownloadUrls downloadUrls;
    private final Removal removal;
    private final AuditTrail audit;

    /** Deletes move files to their project's trash for {@code trash} (zero: no trash). */
    public FileService(MetadataStore store, BlobStore blobs, Clock clock, Duration presignTtl,
                       DownloadUrls downloadUrls, TrashRetention trash, AuditTrail audit) {
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
        this.presignTtl = presignTtl;
        this.downloadUrls = downloadUrls;
        this.removal = new Removal(trash, clock);
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
            // The blob stays until the collector finds no file (in the namespace or a trash) pointing to it.
            removal.remove(tx, caller, file);
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
                        DownloadLink link = link(file);
                        attempt.ok(tx, AuditTarget.node(file, project.ref()), FileAudit.handedOut(link));
                        return link;
                    });
                });
    }

    /** A presigned link for a file the caller has already been authorised to read. */
    public DownloadLink link(Node file) {
        BlobStore.Presigned p = downloadUrls.sign(file.id(), file.name(), clock.now().plus(presignTtl));
        return new DownloadLink(p.url(), p.expires(), file);
    }

    /**
     * A URL that serves a file's bytes by ranged GETs, for a caller already authorised to read it,
     * valid as long as download links are: on a store that presigns its own URLs (S3) one at the
     * store itself, so the bytes never pass through the server; else the server's own download URL.
     */
    public BlobStore.Presigned rangeUrl(Node file) {
        Instant expires = clock.now().plus(presignTtl);
        return blobs.presignDownload(file.blobId(), file.name(), expires)
                .orElseGet(() -> downloadUrls.sign(file.id(), file.name(), expires));
    }

    /**
     * The blob a download URL of file {@code fileId} serves (the URL's signature already checked):
     * one primary-key lookup, so the URLs of a deleted (or replaced) file stop working at once,
     * whether or not a copy still holds its bytes.
     */
    public String blobForDownload(String fileId) {
        return store.read(tx -> tx.nodes().fileBlobId(fileId)).orElseThrow(() -> new UserException(
                Problem.FILE_NOT_FOUND, "this file was deleted; its download URLs no longer work"));
    }

    /** A short-lived URL at the blob store itself to redirect a download to; empty when the server serves it. */
    public Optional<BlobStore.Presigned> storeUrl(String blobId, String fileName) {
        return blobs.presignDownload(blobId, fileName, clock.now().plus(REDIRECT_TTL));
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
