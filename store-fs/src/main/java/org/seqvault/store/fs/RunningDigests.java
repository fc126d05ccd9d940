package org.seqvault.store.fs;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.seqvault.domain.UploadPart;

/**
 * The whole blob's MD5 and SHA-256 over an upload's leading parts (its prefix), carried forward
 * while the upload is still open, so that assembling hashes only what the prefix does not cover
 * instead of reading the whole blob again. MD5 cannot combine per-part digests, so without this
 * every byte of a multi-part upload is MD5-hashed twice, and the second time only after the last
 * part arrived.
 *
 * <p>The prefix grows two ways. Inline: part 1 starts it (its own MD5, its ETag, is also the
 * blob's so far), and a part that starts after parts 1 to n-1 are in the prefix feeds the blob's
 * digests while it streams. Catching up: a part that arrived out of order waits here until the
 * parts before it are in the prefix; then {@link FsBlobStore} reads it back on another thread and
 * adds it ({@link #claimNext}, {@link #caughtUp}). Assembly first waits for that thread
 * ({@link #settle}), then uses whatever the prefix covers ({@link #resume}).
 *
 * <p>The state is memory only: after a restart, or for an upload this server did not see, assembly
 * reads everything. A prefix is tied to the staged files (locators) it hashed, so a part sent again
 * after it was hashed makes the prefix no longer match the assembly, and it is not used. Stored
 * digests are never updated; callers work on clones.
 *
 * <p>Guarded by a {@link ReentrantLock}, not a monitor: {@link #settle} waits on a request's
 * virtual thread, and on JDK 21 to 23 a virtual thread waiting in {@code Object.wait}, or queued to
 * enter a {@code synchronized} block, keeps its carrier thread (one per core) for as long as it
 * waits; the scheduler makes up for a waiting one with a stand-in thread only up to a limit, and
 * for a queued one not at all. A thread parked on a {@link Condition} lets its carrier go on every JDK.
 */
final class RunningDigests {
    /** Uploads remembered at once; older ones are forgotten (their assembly reads everything). */
    static final int MAX_UPLOADS = 4096;

    /** The digests over the blob's first parts, {@code locators.get(i)} being part {@code i + 1}. */
    private record Prefix(List<String> locators, MessageDigest md5, MessageDigest sha256) {
        int nextPartNumber() {
            return locators.size() + 1;
        }

        Prefix plus(String locator, MessageDigest md5, MessageDigest sha256) {
            List<String> longer = new ArrayList<>(locators);
            longer.add(locator);
            return new Prefix(List.copyOf(longer), md5, sha256);
        }
    }

    /** One upload: its prefix, parts written beyond it (latest locator per part number), and whether one is being read. */
    private static final class Upload {
        Prefix prefix;
        final Map<Integer, String> waiting = new HashMap<>();
        boolean catchingUp;
    }

    /**
     * What one part write feeds besides its own MD5. For part 1, {@code fileMd5} is null: the part's
     * MD5 is the blob's. For a part extending a prefix both are clones of the prefix's digests.
     */
    record Continuation(Prefix base, MessageDigest fileMd5, MessageDigest fileSha256) {
        /** The digests the part's bytes must also go through. */
        List<MessageDigest> digests() {
            return fileMd5 == null ? List.of(fileSha256) : List.of(fileMd5, fileSha256);
        }
    }

    /** A waiting part to read back and add to {@code base}, with clones of base's digests to feed. */
    record CatchUp(Prefix base, String locator, MessageDigest md5, MessageDigest sha256) {
    }

    /** How far a prefix reaches into an assembly's parts, and clones of its digests to go on from. */
    record Resume(int partsCovered, MessageDigest md5, MessageDigest sha256) {
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever an upload's read-ahead ends (or the upload is forgotten). */
    private final Condition readAheadEnded = lock.newCondition();
    private final Map<String, Upload> byUpload = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Upload> eldest) {
            return size() > MAX_UPLOADS;
        }
    };

    /** What a write of this part should also hash, if it can carry the blob's digests forward. */
    Optional<Continuation> continuation(String uploadId, int partNumber) {
        if (partNumber == 1) {
            return Optional.of(new Continuation(null, null, Digests.sha256()));
        }
        lock.lock();
        try {
            Upload upload = byUpload.get(uploadId);
            Prefix prefix = upload == null ? null : upload.prefix;
            if (prefix == null || prefix.nextPartNumber() != partNumber) {
                return Optional.empty();
            }
            return Optional.of(new Continuation(prefix, clone(prefix.md5), clone(prefix.sha256)));
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records a durably written part whose bytes went through {@code continuation}'s digests: the
     * prefix now reaches through it. Dropped if the prefix it extended was replaced meanwhile (part 1
     * sent again, or another copy of this part finished first).
     *
     * @param partMd5 the part's own MD5, not finished yet: for part 1 it is the blob's MD5 so far
     */
    void extend(String uploadId, Continuation continuation, String locator, MessageDigest partMd5) {
        lock.lock();
        try {
            Upload upload = byUpload.computeIfAbsent(uploadId, id -> new Upload());
            Prefix base = continuation.base();
            if (base == null) {
                upload.prefix = new Prefix(List.of(locator), clone(partMd5), continuation.fileSha256());
            } else if (upload.prefix == base) {
                upload.prefix = base.plus(locator, continuation.fileMd5(), continuation.fileSha256());
            }
        } finally {
            lock.unlock();
        }
    }

    /** Records a durably written part that did not go through the blob's digests, to be read back later. */
    void waiting(String uploadId, int partNumber, String locator) {
        lock.lock();
        try {
            byUpload.computeIfAbsent(uploadId, id -> new Upload()).waiting.put(partNumber, locator);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next waiting part to read back, if it follows the prefix and no other read is under way.
     * The caller must then call {@link #caughtUp} (which hands on the part after it) or {@link #gaveUp}.
     */
    Optional<CatchUp> claimNext(String uploadId) {
        lock.lock();
        try {
            Upload upload = byUpload.get(uploadId);
            return upload == null || upload.catchingUp ? Optional.empty() : claim(upload);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A claimed part was read into {@code done}'s digests: the prefix reaches through it, unless it
     * changed meanwhile. Returns the next part to read, claimed, so that {@link #settle} keeps waiting.
     */
    Optional<CatchUp> caughtUp(String uploadId, CatchUp done) {
        lock.lock();
        try {
            Upload upload = byUpload.get(uploadId);
            if (upload == null) {
                return Optional.empty();
            }
            upload.catchingUp = false;
            if (upload.prefix == done.base()) {
                upload.prefix = done.base().plus(done.locator(), done.md5(), done.sha256());
            }
            return claim(upload);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A claimed part could not be read (sent again or discarded meanwhile): assembly will read it.
     * Claims nothing, so that it can also be called on the way out of an error.
     */
    void gaveUp(String uploadId, CatchUp failed) {
        lock.lock();
        try {
            Upload upload = byUpload.get(uploadId);
            if (upload != null) {
                upload.catchingUp = false;
                upload.waiting.remove(failed.base().nextPartNumber(), failed.locator());
            }
            readAheadEnded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Claims the part that follows the prefix, if it is waiting; the caller holds the lock. */
    private Optional<CatchUp> claim(Upload upload) {
        Prefix prefix = upload.prefix;
        String locator = null;
        if (prefix != null) {
            upload.waiting.keySet().removeIf(n -> n < prefix.nextPartNumber());
            locator = upload.waiting.get(prefix.nextPartNumber());
        }
        if (locator == null) {
            readAheadEnded.signalAll();
            return Optional.empty();
        }
        upload.catchingUp = true;
        return Optional.of(new CatchUp(prefix, locator, clone(prefix.md5), clone(prefix.sha256)));
    }

    /** Waits until no part of this upload is being read back, so that its prefix reaches as far as it will. */
    void settle(String uploadId) throws InterruptedException {
        lock.lock();
        try {
            Upload upload;
            while ((upload = byUpload.get(uploadId)) != null && upload.catchingUp) {
                readAheadEnded.await();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The digests to resume an assembly of {@code parts} from, when its first parts are the prefix's. */
    Optional<Resume> resume(String uploadId, List<UploadPart> parts) {
        lock.lock();
        try {
            Upload upload = byUpload.get(uploadId);
            Prefix prefix = upload == null ? null : upload.prefix;
            if (prefix == null || prefix.locators.size() > parts.size()) {
                return Optional.empty();
            }
            for (int i = 0; i < prefix.locators.size(); i++) {
                UploadPart part = parts.get(i);
                if (part.partNumber() != i + 1 || !prefix.locators.get(i).equals(part.locator())) {
                    return Optional.empty();
                }
            }
            return Optional.of(new Resume(prefix.locators.size(), clone(prefix.md5), clone(prefix.sha256)));
        } finally {
            lock.unlock();
        }
    }

    /** How many leading parts the prefix covers (0 without one). */
    int partsCovered(String uploadId) {
        lock.lock();
        try {
            Upload upload = byUpload.get(uploadId);
            return upload == null || upload.prefix == null ? 0 : upload.prefix.locators.size();
        } finally {
            lock.unlock();
        }
    }

    void forget(String uploadId) {
        lock.lock();
        try {
            byUpload.remove(uploadId);
            readAheadEnded.signalAll();
        } finally {
            lock.unlock();
        }
    }

    static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's " + digest.getAlgorithm() + " digest is cloneable", e);
        }
    }
}
