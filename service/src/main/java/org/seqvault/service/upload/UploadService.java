package org.seqvault.service.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.seqvault.domain.AuditAction;
import org.seqvault.domain.AuditDetail;
import org.seqvault.domain.Blob;
import org.seqvault.domain.ByteSize;
import org.seqvault.domain.FileKey;
import org.seqvault.domain.FolderPath;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeName;
import org.seqvault.domain.NodeType;
import org.seqvault.domain.OriginTask;
import org.seqvault.domain.Permissions.Permission;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Project;
import org.seqvault.domain.Scope;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UploadState;
import org.seqvault.domain.UserException;
import org.seqvault.service.audit.AuditSubject;
import org.seqvault.service.audit.AuditTarget;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.extract.ExtractionQueue;
import org.seqvault.service.file.ContentTypes;
import org.seqvault.service.file.Folders;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.BlobStore.Presigned;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.IdGenerator;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.MetadataStore.Tx;
import org.seqvault.service.project.Access;
import org.seqvault.service.project.Quotas;
import org.seqvault.service.support.Page;

/**
 * Every way bytes come in is one upload session: OPEN → COMPLETING → DONE | ABORTED | EXPIRED.
 * Parts may arrive in any order and be re-sent (last wins). Completion checks the parts,
 * makes the blob durable, and only then commits the file row: a file is never visible before
 * its bytes are safe. A published file is recorded in the audit trail in the transaction that
 * publishes it; an upload refused at its start or at its completion is recorded as refused.
 */
public final class UploadService {
    private final MetadataStore store;
    private final BlobStore blobs;
    private final Clock clock;
    private final IdGenerator ids;
    private final UploadSettings settings;
    private final Folders folders;
    private final KeyedLocks locks = new KeyedLocks();
    private final UploadCounters counters = new UploadCounters();
    private final AuditTrail audit;
    private final ExtractionQueue extraction;

    public UploadService(MetadataStore store, BlobStore blobs, Clock clock, IdGenerator ids, UploadSettings settings,
                         AuditTrail audit) {
        this(store, blobs, clock, ids, settings, audit, ExtractionQueue.OFF);
    }

    /** As the other constructor, queueing each published file that SeqVault can read the header of on {@code extraction}. */
    public UploadService(MetadataStore store, BlobStore blobs, Clock clock, IdGenerator ids, UploadSettings settings,
                         AuditTrail audit, ExtractionQueue extraction) {
        // Parts above the single-PUT limit are cut at most that large; a store that refuses smaller
        // parts (S3: 5 MiB) could then never join them, so every such upload would end in a 409.
        if (settings.singlePutLimit() < blobs.minPartSize()) {
            throw new IllegalArgumentException("single_put_limit (" + ByteSize.format(settings.singlePutLimit())
                    + ") must be at least the blob store's smallest part (" + ByteSize.format(blobs.minPartSize())
                    + "), or multi-part uploads could never be completed");
        }
        // A presigned PUT the store cannot take would fail only once the client had sent 5 GiB.
        if (settings.singlePutLimit() > blobs.maxPartSize()) {
            throw new IllegalArgumentException("single_put_limit (" + ByteSize.format(settings.singlePutLimit())
                    + ") must be at most the blob store's largest single PUT (" + ByteSize.format(blobs.maxPartSize())
                    + "); larger uploads are handed out in parts");
        }
        this.store = store;
        this.blobs = blobs;
        this.clock = clock;
        this.ids = ids;
        this.settings = settings;
        this.folders = new Folders(ids);
        this.audit = audit;
        this.extraction = extraction;
    }

    public UploadSettings settings() {
        return settings;
    }

    /** Where a new file goes: a folder path created on demand (v1) or an existing folder (v2). */
    public sealed interface Target {
        record KeyInWorkspace(String workspaceId, FileKey key) implements Target {
        }

        record InFolder(String parentFolderId, String name) implements Target {
        }
    }

    /**
     * Opens an upload. With {@code partSize} null the service picks: one part up to the
     * single-PUT limit, else parts large enough for 10,000 parts at most.
     */
    public UploadTicket open(Principal caller, Target target, long size, Long partSize, boolean overwrite,
                             String contentType, String description, String originTask) {
        // Only a refusal is recorded here: the upload is recorded when it publishes a file.
        return audit.attempt(caller, List.of(AuditAction.FILE_UPLOAD), subject(target),
                AuditDetail.of().put("stage", "open").put("size", size).put("overwrite", overwrite),
                attempt -> openSession(caller, target, size, partSize, overwrite, contentType, description, originTask));
    }

    private UploadTicket openSession(Principal caller, Target target, long size, Long partSize, boolean overwrite,
                                     String contentType, String description, String originTask) {
        caller.requireScope(Scope.FILES);
        // Checked now, not at publish: the file row is where a bad one would fail, and by then the
        // bytes are all sent.
        String task = OriginTask.checkOptional(originTask);
        if (size < 0 || size > settings.maxFileSize()) {
            throw new UserException(Problem.BAD_UPLOAD_INIT,
                    "size must be between 0 and " + settings.maxFileSize() + " bytes");
        }
        long chosenPart = choosePartSize(size, partSize);
        Instant now = clock.now();
        String uploadId = ids.prefixed("up_");
        // Outside the transaction: the store may be a network call away (S3 CreateMultipartUpload).
        String storeUploadId = beginInStore(uploadId);
        UploadSession session;
        try {
            session = store.write(tx -> {
                Placement place = placement(tx, caller, target);
                if (!overwrite) {
                    refuseExisting(tx, place);
                }
                // Before a byte is sent: the declared size is reserved until the session ends.
                reserveRoom(tx, place, size, overwrite);
                UploadSession s = new UploadSession(uploadId, caller.userId(), place.project().id(),
                        place.parentId(), place.folderPath(), place.name(), size, chosenPart,
                        UploadSession.partCount(size, chosenPart), overwrite, UploadState.OPEN,
                        ContentTypes.choose(contentType, place.name()), description, task, null, null,
                        storeUploadId, now, now.plus(settings.uploadTtl()));
                tx.uploads().insert(s);
                return s;
            });
        } catch (RuntimeException e) {
            if (storeUploadId != null) {
                discardQuietly(uploadId);
            }
            throw e;
        }
        counters.opened.increment();
        List<Presigned> urls = new ArrayList<>();
        if (target instanceof Target.KeyInWorkspace) {
            for (int n = 1; n <= session.partCount(); n++) {
                urls.add(presign(session, n, now));
            }
        }
        return new UploadTicket(session, urls);
    }

    /** A fresh presigned URL for one part (Seven Bridges asks for them one at a time). */
    public Presigned presignPart(Principal caller, String uploadId, int partNumber) {
        UploadSession s = owned(caller, uploadId);
        requireOpen(s, clock.now());
        checkPartNumber(s, partNumber);
        return presign(s, partNumber, clock.now());
    }

    /**
     * Stores the bytes of one part, sent to a presigned URL (the URL was the credential, checked
     * by the caller of this method).
     */
    public UploadPart receivePart(String uploadId, int partNumber, InputStream in, long contentLength) {
        UploadSession s = known(uploadId);
        requireOpen(s, clock.now());
        checkPartNumber(s, partNumber);
        // Checked before the first byte when the length is declared; else the store stops at it.
        long max = s.partLimit(partNumber);
        if (contentLength > max) {
            throw partTooLarge(s, partNumber, max);
        }
        UploadPart part;
        try {
            part = blobs.writePart(uploadId, partNumber, in, max, s.partCount() == 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UserException e) {
            throw e.problem() == Problem.PAYLOAD_TOO_LARGE ? partTooLarge(s, partNumber, max) : e;
        }
        Optional<String> replaced;
        try {
            replaced = store.write(tx -> {
                // Touching the row under state=OPEN orders us with a concurrent complete().
                if (!tx.uploads().transition(uploadId, UploadState.OPEN, UploadState.OPEN, null, null)) {
                    throw new UserException(Problem.UPLOAD_NOT_OPEN, "upload " + uploadId + " is no longer open");
                }
                return tx.uploads().putPart(part);
            });
        } catch (RuntimeException e) {
            blobs.discardPart(uploadId, part.locator());
            throw e;
        }
        replaced.filter(old -> !old.equals(part.locator())).ifPresent(old -> blobs.discardPart(uploadId, old));
        return part;
    }

    /** Checks a part report (Seven Bridges): the ETag the client got must be the stored part's. */
    public void reportPart(Principal caller, String uploadId, int partNumber, String etag) {
        UploadSession s = owned(caller, uploadId);
        checkPartNumber(s, partNumber);
        List<UploadPart> direct = directParts(s);
        UploadPart part = received(store.read(tx -> tx.uploads().parts(uploadId)), direct).stream()
                .filter(p -> p.partNumber() == partNumber)
                .findFirst()
                .orElseThrow(() -> new UserException(Problem.BAD_PART_REPORT,
                        "part " + partNumber + " of upload " + uploadId + " has not been received"));
        if (etag == null || !stripQuotes(etag).equalsIgnoreCase(part.etag())) {
            throw new UserException(Problem.BAD_PART_REPORT,
                    "the reported ETag of part " + partNumber + " does not match the stored part");
        }
    }

    public UploadSession session(Principal caller, String uploadId) {
        return owned(caller, uploadId);
    }

    public List<UploadPart> parts(Principal caller, String uploadId) {
        UploadSession s = owned(caller, uploadId);
        List<UploadPart> direct = directParts(s);
        return received(store.read(tx -> tx.uploads().parts(uploadId)), direct);
    }

    /**
     * How many parts an upload has received, given what {@link #parts} listed: every planned part
     * once it is complete, since publishing drops the part records.
     */
    public static int receivedPartCount(UploadSession s, List<UploadPart> listed) {
        return s.state() == UploadState.DONE ? s.partCount() : listed.size();
    }

    /** One offset page of the caller's uploads still OPEN, newest first, and how many there are. */
    public Page<UploadSession> openSessions(Principal caller, long offset, int limit) {
        caller.requireScope(Scope.FILES);
        return store.read(tx -> new Page<>(tx.uploads().openForUser(caller.userId(), offset, limit),
                tx.uploads().countOpenForUser(caller.userId())));
    }

    /**
     * Completes an upload and returns the published file. Completing a DONE upload returns the
     * same file again; a COMPLETING one (a crash or a concurrent call) is finished.
     */
    public Node complete(Principal caller, String uploadId, Claims claims) {
        return complete(caller, uploadId, claims, s -> {
        });
    }

    /**
     * As {@link #complete(Principal, String, Claims)}, once {@code named} has accepted the session:
     * it throws to refuse one that is not the upload the request names (v1: by file key, workspace
     * and file name), a refusal the audit trail records like any other.
     */
    public Node complete(Principal caller, String uploadId, Claims claims, Consumer<UploadSession> named) {
        return audit.attempt(caller, List.of(AuditAction.FILE_UPLOAD), AuditSubject.upload(uploadId),
                AuditDetail.of().put("stage", "complete").put("upload_id", uploadId),
                attempt -> complete(caller, uploadId, claims, named, attempt));
    }

    private Node complete(Principal caller, String uploadId, Claims claims, Consumer<UploadSession> named,
                          AuditTrail.Attempt audited) {
        caller.requireScope(Scope.FILES);
        return locks.with(uploadId, () -> {
            for (int attempt = 0; ; attempt++) {
                UploadSession s = owned(caller, uploadId);
                named.accept(s);
                store.read(tx -> {
                    Access.require(tx, caller, project(tx, s.projectId()), Permission.WRITE);
                    return null;
                });
                try {
                    return finish(s, claims, audited);
                } catch (ConcurrentChange e) {
                    // Another replica moved the session on; look again at where it stands.
                    if (attempt == 2) {
                        throw new UserException(Problem.UPLOAD_NOT_OPEN, "upload " + uploadId
                                + " is being completed by another request; retry");
                    }
                }
            }
        });
    }

    /** Abandons an upload and drops its bytes; afterwards the upload is unknown, and aborting a finished one is refused. */
    public void abort(Principal caller, String uploadId) {
        caller.requireScope(Scope.FILES);
        locks.with(uploadId, () -> {
            UploadSession s = owned(caller, uploadId);
            if (s.state() == UploadState.DONE) {
                throw new UserException(Problem.UPLOAD_NOT_OPEN, "upload " + uploadId + " is already complete");
            }
            if (s.state() == UploadState.OPEN || s.state() == UploadState.COMPLETING) {
                if (store.write(tx -> tx.uploads().transition(uploadId, s.state(), UploadState.ABORTED, s.blobId(), null))) {
                    counters.aborted.increment();
                }
            }
            dropBytes(s);
            return null;
        });
    }

    /**
     * Streams a form upload's file bytes to staging, once the caller may write to the workspace:
     * nobody stores bytes where they could not publish them. A workspace the caller cannot see
     * is not found, exactly like one that does not exist.
     */
    public Staged stage(Principal caller, String workspaceId, InputStream in, long contentLength) {
        return stage(caller, workspaceId, in, contentLength, null);
    }

    /**
     * As {@link #stage(Principal, String, InputStream, long)}, for a form that asked to replace the
     * file at {@code replacing} (if there is one): the quota allows for that file's room.
     */
    public Staged stage(Principal caller, String workspaceId, InputStream in, long contentLength, FileKey replacing) {
        caller.requireScope(Scope.FILES);
        Project project = store.read(tx -> writableWorkspace(tx, caller, workspaceId));
        if (contentLength > settings.maxFormUpload()) {
            throw tooLargeForForm();
        }
        // The size is known only once the bytes are in (and checked exactly at publication), but no
        // more is stored than the project's quota leaves room for.
        Node replaced = replacing == null ? null
                : store.read(tx -> tx.nodes().fileByKey(project.id(), replacing.value())).orElse(null);
        Long room = store.read(tx -> Quotas.roomForStaging(tx, project.id(), project.ref(), replaced));
        boolean cutByQuota = room != null && room < settings.maxFormUpload();
        long max = cutByQuota ? room : settings.maxFormUpload();
        if (contentLength > max) {
            throw quotaRefusal(project, replaced, room, contentLength);
        }
        String uploadId = ids.prefixed("up_");
        try {
            return new Staged(uploadId, blobs.writePart(uploadId, 1, in, max, true));
        } catch (UserException e) {
            // The id is this request's alone, so nothing else writes there; left behind, a staging
            // area with no session would wait out the collector's one-hour grace.
            discardQuietly(uploadId);
            if (e.problem() != Problem.PAYLOAD_TOO_LARGE) {
                throw e;
            }
            throw cutByQuota ? quotaRefusal(project, replaced, room, -1) : tooLargeForForm();
        } catch (IOException e) {
            discardQuietly(uploadId);
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Refuses a caller whose token may not upload, before a form upload's bytes are read (so that
     * they are never staged for nothing); the audit trail records the refusal.
     */
    public void requireUploadScope(Principal caller) {
        audit.attempt(caller, List.of(AuditAction.FILE_UPLOAD), AuditSubject.NONE, AuditDetail.of().put("stage", "open"),
                attempt -> {
                    caller.requireScope(Scope.FILES);
                    return null;
                });
    }

    /** A form upload of {@code size} bytes (-1: more than {@code room}) that the project's quota has no room for. */
    private UserException quotaRefusal(Project project, Node replaced, long room, long size) {
        return store.read(tx -> Quotas.formTooLarge(tx, project.id(), project.ref(), replaced, room, size));
    }

    /** Publishes staged form bytes at a key; on any refusal the staged bytes are dropped. */
    public Node publishStaged(Principal caller, Target.KeyInWorkspace target, boolean overwrite, String contentType,
                              String description, Staged staged) {
        return audit.attempt(caller, List.of(AuditAction.FILE_UPLOAD), subject(target),
                AuditDetail.of().put("stage", "form").put("size", staged.part().size()).put("overwrite", overwrite),
                attempt -> publishStaged(caller, target, overwrite, contentType, description, staged, attempt));
    }

    private Node publishStaged(Principal caller, Target.KeyInWorkspace target, boolean overwrite, String contentType,
                               String description, Staged staged, AuditTrail.Attempt attempt) {
        try {
            caller.requireScope(Scope.FILES);
            Instant now = clock.now();
            // All its bytes are here already, so the session starts COMPLETING: that saves the commit
            // (and disk flush) of a separate OPEN -> COMPLETING step in finish().
            String blobId = blobs.blobIdFor(staged.uploadId()).orElseGet(ids::objectId);
            UploadSession session = store.write(tx -> {
                Placement place = placement(tx, caller, target);
                if (!overwrite) {
                    refuseExisting(tx, place);
                }
                long size = staged.part().size();
                reserveRoom(tx, place, size, overwrite);
                UploadSession s = new UploadSession(staged.uploadId(), caller.userId(), place.project().id(),
                        place.parentId(), place.folderPath(), place.name(), size, Math.max(size, 1), 1, overwrite,
                        UploadState.COMPLETING, ContentTypes.choose(contentType, place.name()), description, null,
                        blobId, null, null, now, now.plus(settings.uploadTtl()));
                tx.uploads().insert(s);
                tx.uploads().putPart(staged.part());
                return s;
            });
            counters.opened.increment();
            return locks.with(session.id(), () -> finish(session, Claims.NONE, attempt));
        } catch (RuntimeException e) {
            discard(staged);
            throw e;
        }
    }

    public void discard(Staged staged) {
        discardQuietly(staged.uploadId());
    }

    private void discardQuietly(String uploadId) {
        try {
            blobs.discardUpload(uploadId);
        } catch (IOException e) {
            // The collector reclaims staged bytes that belong to no open upload.
        }
    }

    /** Marks overdue uploads EXPIRED and drops their bytes; returns how many expired. */
    public int expireOverdue(int limit) {
        int expired = 0;
        for (UploadSession s : store.read(tx -> tx.uploads().expired(clock.now(), limit))) {
            boolean done = locks.with(s.id(), () -> store.write(
                    tx -> tx.uploads().transition(s.id(), s.state(), UploadState.EXPIRED, s.blobId(), null)));
            if (done) {
                dropBytes(s);
                counters.expired.increment();
                expired++;
            }
        }
        return expired;
    }

    /**
     * Deletes up to {@code limit} finished sessions whose retention (counted from their expiry
     * time, the latest they can have finished) has run out; returns how many. Their bytes are
     * already published or dropped; the collector reclaims any that a failed drop left behind.
     */
    public int pruneFinished(int limit) {
        Instant expiredBefore = clock.now().minus(settings.finishedRetention());
        return store.write(tx -> tx.uploads().deleteFinished(expiredBefore, limit));
    }

    // ---- completion -------------------------------------------------------------------

    private Node finish(UploadSession s, Claims claims, AuditTrail.Attempt attempt) {
        switch (s.state()) {
            case DONE:
                return publishedFile(s);
            case ABORTED:
            case EXPIRED:
                throw new UserException(Problem.UPLOAD_NOT_OPEN, "upload " + s.id() + " was "
                        + s.state().name().toLowerCase(java.util.Locale.ROOT) + "; start a new one");
            default:
                break;
        }
        if (claims.size() != null && claims.size() != s.size()) {
            throw new UserException(Problem.SIZE_MISMATCH, "size " + claims.size()
                    + " does not match the " + s.size() + " bytes the upload was opened with");
        }
        String blobId = s.state() == UploadState.COMPLETING ? s.blobId()
                : blobs.blobIdFor(s.id()).orElseGet(ids::objectId);
        List<UploadPart> direct = directParts(s);
        List<UploadPart> parts = store.write(tx -> {
            if (s.state() == UploadState.OPEN
                    && !tx.uploads().transition(s.id(), UploadState.OPEN, UploadState.COMPLETING, blobId, null)) {
                throw new ConcurrentChange();
            }
            List<UploadPart> received = received(tx.uploads().parts(s.id()), direct);
            checkParts(s, received, claims);
            // Recorded, because once the store has assembled them it no longer lists them: a retry
            // after a crash finds them here.
            received.stream().filter(direct::contains).forEach(tx.uploads()::putPart);
            return received;
        });
        try {
            return assembleAndPublish(s, blobId, parts, claims, attempt);
        } catch (RuntimeException | Error e) {
            // Bytes may have been assembled that no file will point to, e.g. when the session expired
            // meanwhile and the collector already looked at its blob: it is to look again.
            noteReclaimableQuietly(blobId, e);
            throw e;
        }
    }

    private Node assembleAndPublish(UploadSession s, String blobId, List<UploadPart> parts, Claims claims,
                                    AuditTrail.Attempt attempt) {
        Blob blob;
        try {
            blob = blobs.assemble(s.id(), blobId, parts, clock.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!matches(claims.md5(), blob.checksums().md5()) || !matches(claims.sha256(), blob.checksums().sha256())) {
            giveUp(s, blobId);
            throw new UserException(Problem.CHECKSUM_MISMATCH,
                    "the uploaded bytes do not match the given checksum; nothing was published");
        }
        try {
            // One commit (one disk flush) for the file and the end of its parts' records.
            Node published = store.write(tx -> {
                Node file = publish(tx, s, blob, attempt);
                tx.uploads().deleteParts(s.id());
                return file;
            });
            counters.completed.increment();
            extraction.wake();
            return published;
        } catch (UserException e) {
            giveUp(s, blobId);
            throw e;
        }
    }

    private void noteReclaimableQuietly(String blobId, Throwable failure) {
        try {
            store.write(tx -> {
                tx.blobs().noteReclaimable(blobId);
                return null;
            });
        } catch (RuntimeException e) {
            // The collector's periodic sweep of the whole store still finds the bytes.
            failure.addSuppressed(e);
        }
    }

    private Node publish(Tx tx, UploadSession s, Blob blob, AuditTrail.Attempt attempt) {
        Instant now = clock.now();
        if (!tx.uploads().transition(s.id(), UploadState.COMPLETING, UploadState.COMPLETING, blob.id(), null)) {
            throw new ConcurrentChange();
        }
        Project project = project(tx, s.projectId());
        Node parent = s.parentId() != null
                ? folder(tx, s.parentId())
                : folders.ensure(tx, project, FolderPath.parse(s.folderPath()), now);
        Placement place = new Placement(project, parent.id(), s.folderPath(), s.name(), parent.key());
        Optional<Node> existing = tx.nodes().child(place.parentId(), s.name());
        AuditDetail detail = AuditDetail.of().put("upload_id", s.id()).put("size", blob.size())
                .put("sha256", blob.checksums().sha256());
        if (existing.isPresent()) {
            if (existing.get().isFolder() || !s.overwrite()) {
                throw nameExists(s.name());
            }
            tx.nodes().delete(existing.get().id());
            detail.put("replaced", existing.get().id());
        }
        Quotas.requireRoomToPublish(tx, project.id(), project.ref(), blob.size());
        tx.blobs().insert(blob);
        Node file = new Node(ids.objectId(), project.id(), place.parentId(), s.name(), NodeType.FILE,
                place.parentKey() + s.name(), blob.id(), blob.size(), blob.checksums(), s.contentType(),
                s.description(), s.originTask(), null, null, now, now);
        if (!tx.nodes().insert(file)) {
            throw nameExists(s.name());
        }
        tx.uploads().transition(s.id(), UploadState.COMPLETING, UploadState.DONE, blob.id(), file.id());
        // In this transaction: a file published just before a crash is still read after the restart.
        extraction.offer(tx, file, now);
        attempt.ok(tx, AuditTarget.node(file, project.ref()), detail);
        return file;
    }

    private void checkParts(UploadSession s, List<UploadPart> parts, Claims claims) {
        Map<Integer, UploadPart> byNumber = new java.util.HashMap<>();
        parts.forEach(p -> byNumber.put(p.partNumber(), p));
        List<Integer> missing = new ArrayList<>();
        long total = 0;
        for (int n = 1; n <= s.partCount(); n++) {
            UploadPart p = byNumber.get(n);
            if (p == null) {
                missing.add(n);
            } else {
                total += p.size();
            }
        }
        if (!missing.isEmpty()) {
            throw new UserException(Problem.UPLOAD_INCOMPLETE, "upload " + s.id() + " is missing part(s) "
                    + (missing.size() > 10 ? missing.subList(0, 10) + "…" : missing));
        }
        if (total != s.size()) {
            throw new UserException(Problem.SIZE_MISMATCH, "received " + total + " bytes but the upload was opened for "
                    + s.size() + "; nothing was published");
        }
        for (Map.Entry<Integer, String> claim : claims.etags().entrySet()) {
            UploadPart p = byNumber.get(claim.getKey());
            if (p == null || !stripQuotes(claim.getValue()).equalsIgnoreCase(p.etag())) {
                throw new UserException(Problem.UPLOAD_INCOMPLETE,
                        "the ETag given for part " + claim.getKey() + " does not match the stored part");
            }
        }
        // Only a part the server hashed itself can be checked before assembly; the rest are checked after.
        if (s.partCount() == 1 && byNumber.containsKey(1) && byNumber.get(1).sha256() != null) {
            UploadPart only = byNumber.get(1);
            if (!matches(claims.md5(), only.etag()) || !matches(claims.sha256(), only.sha256())) {
                throw new UserException(Problem.CHECKSUM_MISMATCH,
                        "the uploaded bytes do not match the given checksum; nothing was published");
            }
        }
    }

    /** A completion that cannot succeed: the session ends ABORTED and its bytes are dropped. */
    private void giveUp(UploadSession s, String blobId) {
        store.write(tx -> tx.uploads().transition(s.id(), UploadState.COMPLETING, UploadState.ABORTED, blobId, null));
        counters.failed.increment();
        dropBytes(s.withState(UploadState.ABORTED, blobId, null));
    }

    private void dropBytes(UploadSession s) {
        try {
            blobs.discardUpload(s.id());
            if (s.blobId() != null && store.read(tx -> !tx.blobs().exists(s.blobId()))) {
                blobs.delete(s.blobId());
            }
            store.write(tx -> {
                tx.uploads().deleteParts(s.id());
                return null;
            });
        } catch (IOException e) {
            // Left for the collector, which reclaims bytes no live upload or file points to.
        }
    }

    private Node publishedFile(UploadSession s) {
        return store.read(tx -> tx.nodes().byId(s.fileId()))
                .orElseThrow(() -> new UserException(Problem.FILE_NOT_FOUND,
                        "the file upload " + s.id() + " published has since been deleted or replaced"));
    }

    // ---- helpers ----------------------------------------------------------------------

    private record Placement(Project project, String parentId, String folderPath, String name, String parentKey) {
    }

    /** Resolves and authorises (write) a target; v1 folder paths are only created at completion. */
    private Placement placement(Tx tx, Principal caller, Target target) {
        return switch (target) {
            case Target.KeyInWorkspace k -> {
                Project p = writableWorkspace(tx, caller, k.workspaceId());
                yield new Placement(p, null, k.key().folder().prefix(), k.key().name().value(), k.key().folder().prefix());
            }
            case Target.InFolder f -> {
                Node parent = tx.nodes().byId(f.parentFolderId())
                        .orElseThrow(() -> new UserException(Problem.FOLDER_NOT_FOUND,
                                "folder '" + f.parentFolderId() + "' not found"));
                Project p = project(tx, parent.projectId());
                Access.require(tx, caller, p, Permission.WRITE);
                if (!parent.isFolder()) {
                    throw new UserException(Problem.NOT_A_FOLDER, "'" + f.parentFolderId() + "' is not a folder");
                }
                // The file's v1 key (its folder's key and its name) must stay within the key rules too.
                FileKey key = FileKey.of(FolderPath.parse(parent.key()), new NodeName(f.name()));
                yield new Placement(p, parent.id(), null, key.name().value(), parent.key());
            }
        };
    }

    private static Project writableWorkspace(Tx tx, Principal caller, String workspaceId) {
        if (workspaceId == null || workspaceId.isEmpty()) {
            throw UserException.invalid("workspace_id is required");
        }
        Project p = tx.projects().byId(workspaceId).orElseThrow(() -> Access.notFound(workspaceId));
        Access.require(tx, caller, p, Permission.WRITE, workspaceId);
        return p;
    }

    /** Where an upload goes, looked up only if it is refused. */
    private static AuditSubject subject(Target target) {
        return switch (target) {
            case Target.KeyInWorkspace k -> AuditSubject.key(k.workspaceId(), k.key().value());
            case Target.InFolder f -> tx -> {
                AuditTarget folder = AuditSubject.node(f.parentFolderId()).resolve(tx);
                String in = folder.name() == null || folder.name().equals("/") ? "" : folder.name();
                return new AuditTarget(folder.projectId(), folder.project(), null, in + f.name());
            };
        };
    }

    private static void refuseExisting(Tx tx, Placement place) {
        if (existing(tx, place).isPresent()) {
            throw nameExists(place.name());
        }
    }

    private static Optional<Node> existing(Tx tx, Placement place) {
        return place.parentId() != null
                ? tx.nodes().child(place.parentId(), place.name())
                : tx.nodes().fileByKey(place.project().id(), place.parentKey() + place.name());
    }

    /**
     * Refuses an upload the project's quota has no room for, beside its files and the other
     * unfinished uploads; an overwrite may use the room of the file it replaces.
     */
    private static void reserveRoom(Tx tx, Placement place, long size, boolean overwrite) {
        Node replaced = overwrite ? existing(tx, place).filter(n -> !n.isFolder()).orElse(null) : null;
        Quotas.requireRoom(tx, place.project().id(), place.project().ref(), size, replaced);
    }

    private UploadSession owned(Principal caller, String uploadId) {
        caller.requireScope(Scope.FILES);
        UploadSession s = known(uploadId);
        if (!s.userId().equals(caller.userId()) && !caller.isAdmin()) {
            throw new UserException(Problem.UPLOAD_FORBIDDEN, "upload " + uploadId + " belongs to another user");
        }
        return s;
    }

    private Presigned presign(UploadSession s, int partNumber, Instant now) {
        Instant expires = now.plus(settings.presignTtl());
        if (expires.isAfter(s.expiresAt())) {
            expires = s.expiresAt();
        }
        return blobs.presignPartUpload(s, partNumber, expires);
    }

    private long choosePartSize(long size, Long requested) {
        if (requested == null) {
            return size <= settings.singlePutLimit() ? Math.max(size, 1) : settings.partSizeFor(size);
        }
        if (requested < 1) {
            throw new UserException(Problem.BAD_UPLOAD_INIT, "part_size must be at least 1 byte");
        }
        // Honour the request when it keeps the part count within 10,000, a part within one PUT,
        // and every part but the last as large as the store demands (S3: 5 MiB).
        if (UploadSession.partCount(size, requested) <= UploadSettings.MAX_PARTS && requested <= settings.singlePutLimit()
                && (requested >= blobs.minPartSize() || requested >= size)) {
            return requested;
        }
        return settings.partSizeFor(size);
    }

    private String beginInStore(String uploadId) {
        try {
            return blobs.beginUpload(uploadId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<UploadPart> directParts(UploadSession s) {
        try {
            return blobs.directParts(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The parts an upload has received: those recorded in the database and those sent straight
     * to the store, by part number; where both hold a part, the one received last wins.
     */
    private static List<UploadPart> received(List<UploadPart> recorded, List<UploadPart> direct) {
        if (direct.isEmpty()) {
            return recorded;
        }
        TreeMap<Integer, UploadPart> byNumber = new TreeMap<>();
        for (UploadPart p : recorded) {
            byNumber.put(p.partNumber(), p);
        }
        for (UploadPart p : direct) {
            byNumber.merge(p.partNumber(), p, (a, b) -> b.receivedAt().isAfter(a.receivedAt()) ? b : a);
        }
        return List.copyOf(byNumber.values());
    }

    private static void requireOpen(UploadSession s, Instant now) {
        if (s.state() != UploadState.OPEN) {
            throw new UserException(Problem.UPLOAD_NOT_OPEN, "upload " + s.id() + " is "
                    + s.state().name().toLowerCase(java.util.Locale.ROOT) + " and takes no more parts");
        }
        if (!now.isBefore(s.expiresAt())) {
            throw new UserException(Problem.UPLOAD_NOT_OPEN, "upload " + s.id() + " has expired");
        }
    }

    private static void checkPartNumber(UploadSession s, int partNumber) {
        if (partNumber < 1 || partNumber > s.partCount()) {
            throw new UserException(Problem.BAD_PART_NUMBER,
                    "part number must be between 1 and " + s.partCount() + " for upload " + s.id());
        }
    }

    private static Project project(Tx tx, String projectId) {
        return tx.projects().byId(projectId).orElseThrow(() -> Access.notFound(projectId));
    }

    private static Node folder(Tx tx, String folderId) {
        return tx.nodes().byId(folderId).filter(Node::isFolder)
                .orElseThrow(() -> new UserException(Problem.FOLDER_NOT_FOUND, "folder '" + folderId + "' no longer exists"));
    }

    private static boolean matches(String claimed, String actual) {
        return claimed == null || claimed.equalsIgnoreCase(actual);
    }

    private static String stripQuotes(String etag) {
        String e = etag.strip();
        if (e.startsWith("W/")) {
            e = e.substring(2);
        }
        return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
    }

    /**
     * A session that exists and was not aborted: an aborted upload (by its user, or by a completion
     * that could not succeed) is gone, and answers exactly as an unknown id (Seven Bridges: 404, 8003).
     */
    private UploadSession known(String uploadId) {
        return store.read(tx -> tx.uploads().byId(uploadId))
                .filter(s -> s.state() != UploadState.ABORTED)
                .orElseThrow(() -> uploadNotFound(uploadId));
    }

    private static UserException uploadNotFound(String uploadId) {
        return new UserException(Problem.UPLOAD_NOT_FOUND, "upload '" + uploadId + "' not found");
    }

    private static UserException nameExists(String name) {
        return new UserException(Problem.NAME_EXISTS,
                "a file or folder named '" + name + "' already exists there; pass overwrite=true to replace a file");
    }

    private static UserException partTooLarge(UploadSession s, int partNumber, long max) {
        return new UserException(Problem.PAYLOAD_TOO_LARGE, "part " + partNumber + " of upload " + s.id()
                + " may hold at most " + max + " bytes (" + s.size() + " bytes in " + s.partCount()
                + " parts of " + s.partSize() + "); nothing was stored");
    }

    private UserException tooLargeForForm() {
        return new UserException(Problem.PAYLOAD_TOO_LARGE, "form uploads are limited to "
                + org.seqvault.domain.ByteSize.format(settings.maxFormUpload())
                + "; use the presigned upload flow (upload-url, PUT, upload-confirm) for larger files");
    }

    /** Another caller changed the session between our read and our write. */
    private static final class ConcurrentChange extends RuntimeException {
        ConcurrentChange() {
            super("upload changed concurrently", null, false, false);
        }
    }
}
