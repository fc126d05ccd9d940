package org.seqvault.service.file;

import java.util.ArrayList;
import java.util.List;
import org.seqvault.domain.AuditAction;
import org.seqvault.domain.AuditDetail;
import org.seqvault.domain.Node;
import org.seqvault.domain.Permissions.Permission;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Scope;
import org.seqvault.domain.UserException;
import org.seqvault.service.audit.AuditSubject;
import org.seqvault.service.audit.AuditTarget;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.MetadataStore.Tx;
import org.seqvault.service.port.StorageRepository.Totals;
import org.seqvault.service.project.Access;

/**
 * The namespace as GA4GH DRS sees it: files by id (folders are not DRS objects), download links,
 * and how much is stored. A caller with a token needs the {@code files} scope and read permission,
 * exactly as for GET /v2/files/{id}; a caller without one reaches only files of public projects.
 * Every link handed out is recorded in the audit trail in the transaction that makes it, an
 * anonymous one without a user but with the request and client address.
 */
public final class DrsService {
    /** Ids one bulk request may name (DRS maxBulkRequestLength). */
    public static final int MAX_BULK_IDS = 1000;

    private final MetadataStore store;
    private final FileService files;
    private final AuditTrail audit;

    public DrsService(MetadataStore store, FileService files, AuditTrail audit) {
        this.store = store;
        this.files = files;
        this.audit = audit;
    }

    /** A file the caller may read, with its index files (the DRS object lists htsget access when it has one). */
    public Located object(DrsCaller caller, String id) {
        requireScope(caller);
        return store.read(tx -> IndexFiles.attach(tx, file(tx, caller, id)));
    }

    /** Several objects in one read transaction; each id's outcome is its own, in the order asked. */
    public List<BulkResult> objects(DrsCaller caller, List<String> ids) {
        requireScope(caller);
        requireBulkSize(ids.size());
        return store.read(tx -> {
            List<Located> found = new ArrayList<>(ids.size());
            List<UserException> failures = new ArrayList<>(ids.size());
            for (String id : ids) {
                try {
                    found.add(file(tx, caller, id));
                    failures.add(null);
                } catch (UserException e) {
                    found.add(null);
                    failures.add(e);
                }
            }
            // Index files of all the found files at once: one lookup per folder, not per id.
            List<Located> withIndexes = IndexFiles.attach(tx, found.stream().filter(f -> f != null).toList());
            List<BulkResult> results = new ArrayList<>(ids.size());
            int next = 0;
            for (int i = 0; i < ids.size(); i++) {
                results.add(failures.get(i) == null ? BulkResult.ok(withIndexes.get(next++)) : BulkResult.failed(failures.get(i)));
            }
            return results;
        });
    }

    /**
     * Whether a file may be read without any token (it is in a public project). A caller with a
     * token is checked as for {@link #object}; for a caller without one the answer is simply false
     * for anything else, missing or private alike, so it tells nothing about either.
     */
    public boolean openToAnyone(DrsCaller caller, String id) {
        requireScope(caller);
        return store.read(tx -> openToAnyone(tx, caller, id));
    }

    /** {@link #openToAnyone} for several ids in one read transaction; an id that fails is its own result, in order. */
    public List<Openness> openToAnyone(DrsCaller caller, List<String> ids) {
        requireScope(caller);
        requireBulkSize(ids.size());
        return store.read(tx -> {
            List<Openness> results = new ArrayList<>(ids.size());
            for (String id : ids) {
                try {
                    results.add(new Openness(openToAnyone(tx, caller, id), null));
                } catch (UserException e) {
                    results.add(new Openness(false, e));
                }
            }
            return results;
        });
    }

    /** Whether one id may be read without a token, or why the caller is not told. */
    public record Openness(boolean open, UserException error) {
    }

    /** A presigned link to a file's bytes. */
    public DownloadLink link(DrsCaller caller, String id) {
        return handOut(caller, AuditSubject.node(id), (tx, record) -> link(tx, caller, id, record));
    }

    /** Links for several files in one write transaction; an id that fails is its own result, in order. */
    public List<LinkResult> links(DrsCaller caller, List<String> ids) {
        requireBulkSize(ids.size());
        return handOut(caller, AuditSubject.NONE, (tx, record) -> {
            List<LinkResult> results = new ArrayList<>(ids.size());
            for (String id : ids) {
                try {
                    results.add(new LinkResult(id, link(tx, caller, id, record), null));
                } catch (UserException e) {
                    results.add(new LinkResult(id, null, e));
                }
            }
            return results;
        });
    }

    /** The files of all projects and their bytes, from the per-project counts (cheap at any size). */
    public Totals totals() {
        return store.read(tx -> tx.storage().totals());
    }

    /** The link of one id, or why it has none; exactly one of {@code link} and {@code error} is set. */
    public record LinkResult(String id, DownloadLink link, UserException error) {
    }

    // ---- helpers --------------------------------------------------------------------------

    private static boolean openToAnyone(Tx tx, DrsCaller caller, String id) {
        Located found;
        try {
            found = file(tx, caller, id);
        } catch (UserException e) {
            if (caller.isAnonymous() && e.problem() == Problem.UNAUTHORIZED) {
                return false;
            }
            throw e;
        }
        return tx.projects().byId(found.node().projectId()).map(p -> Access.anonymous(p).read()).orElse(false);
    }

    private DownloadLink link(Tx tx, DrsCaller caller, String id, Recorder record) {
        Located found = file(tx, caller, id);
        DownloadLink link = files.link(found.node());
        AuditDetail detail = FileAudit.handedOut(link).put("via", "drs");
        record.ok(tx, AuditTarget.node(found.node(), found.project()), detail);
        return link;
    }

    /** A file the caller may read; a folder answers as a missing object (DRS has no folders). */
    private static Located file(Tx tx, DrsCaller caller, String id) {
        Located found = caller.isAnonymous() ? NodeLookup.publicNode(tx, id)
                : NodeLookup.node(tx, caller.principal(), id, Permission.READ);
        Node node = found.node();
        if (node.isFolder()) {
            throw new UserException(Problem.FILE_NOT_FOUND, "'" + id + "' is a folder; folders are not DRS objects");
        }
        return found;
    }

    /**
     * Runs a write that hands out links, recording each: through the audit trail's attempt for a
     * principal (a refusal of the whole call is recorded too), as anonymous records otherwise.
     */
    private <T> T handOut(DrsCaller caller, AuditSubject subject, Work<T> work) {
        if (caller.isAnonymous()) {
            return store.write(tx -> work.run(tx, (t, target, detail) ->
                    audit.anonymous(t, caller.origin(), AuditAction.FILE_DOWNLOAD_URL, target, detail)));
        }
        return audit.attempt(caller.principal(), AuditAction.FILE_DOWNLOAD_URL, subject, attempt -> {
            requireScope(caller);
            return store.write(tx -> work.run(tx, attempt::ok));
        });
    }

    private static void requireScope(DrsCaller caller) {
        if (!caller.isAnonymous()) {
            caller.principal().requireScope(Scope.FILES);
        }
    }

    private static void requireBulkSize(int size) {
        if (size > MAX_BULK_IDS) {
            throw new UserException(Problem.PAYLOAD_TOO_LARGE,
                    "a bulk request takes at most " + MAX_BULK_IDS + " ids; this one has " + size);
        }
    }

    /** Writes one audit record of a link handed out. */
    private interface Recorder {
        void ok(Tx tx, AuditTarget target, AuditDetail detail);
    }

    private interface Work<T> {
        T run(Tx tx, Recorder record);
    }
}
