package org.seqvault.store.fs;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.seqvault.domain.UploadPart;

/**
 * The whole blob's MD5 and SHA-256 over an upload's leading parts, carried forward while parts
 * arrive in order, so that assembling hashes only the parts after them instead of reading the whole
 * blob again. MD5 cannot combine per-part digests, so without this every byte of a multi-part
 * upload is MD5-hashed twice: once for its part's ETag and once for the whole blob.
 *
 * <p>Part 1 starts the prefix: its own MD5 (its ETag) is also the blob's MD5 so far. Part n
 * extends it when it starts after parts 1 to n-1 were recorded here. Parts sent in parallel or
 * out of order extend nothing; assembly then reads what the prefix does not cover. The state is
 * memory only: after a restart, or for an upload this server did not see, assembly reads it all.
 *
 * <p>A prefix is tied to the staged files (locators) it hashed, so a part re-sent after it was
 * hashed makes the prefix no longer match and it is simply not used. Stored digests are never
 * updated; callers work on clones.
 */
final class RunningDigests {
    /** Uploads remembered at once; older ones are forgotten (their assembly reads everything). */
    static final int MAX_UPLOADS = 4096;

    /** The digests over the blob's first parts, {@code locators.get(i)} being part {@code i + 1}. */
    private record Prefix(List<String> locators, MessageDigest md5, MessageDigest sha256) {
        int nextPartNumber() {
            return locators.size() + 1;
        }
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

    /** How far a prefix reaches into an assembly's parts, and clones of its digests to go on from. */
    record Resume(int partsCovered, MessageDigest md5, MessageDigest sha256) {
    }

    private final Map<String, Prefix> byUpload = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Prefix> eldest) {
            return size() > MAX_UPLOADS;
        }
    };

    /** What a write of this part should also hash, if it can carry the blob's digests forward. */
    synchronized Optional<Continuation> continuation(String uploadId, int partNumber) {
        if (partNumber == 1) {
            return Optional.of(new Continuation(null, null, Digests.sha256()));
        }
        Prefix prefix = byUpload.get(uploadId);
        if (prefix == null || prefix.nextPartNumber() != partNumber) {
            return Optional.empty();
        }
        return Optional.of(new Continuation(prefix, clone(prefix.md5), clone(prefix.sha256)));
    }

    /**
     * Records a durably written part whose bytes went through {@code continuation}'s digests: the
     * prefix now reaches through it. Dropped if the prefix it extended was replaced meanwhile (part 1
     * sent again, or another copy of this part finished first).
     *
     * @param partMd5 the part's own MD5, not finished yet: for part 1 it is the blob's MD5 so far
     */
    synchronized void extend(String uploadId, Continuation continuation, String locator, MessageDigest partMd5) {
        Prefix base = continuation.base();
        if (base != null && byUpload.get(uploadId) != base) {
            return;
        }
        List<String> locators = new ArrayList<>(base == null ? List.of() : base.locators);
        locators.add(locator);
        MessageDigest fileMd5 = base == null ? clone(partMd5) : continuation.fileMd5();
        byUpload.put(uploadId, new Prefix(List.copyOf(locators), fileMd5, continuation.fileSha256()));
    }

    /** The digests to resume an assembly of {@code parts} from, when its first parts are the prefix's. */
    synchronized Optional<Resume> resume(String uploadId, List<UploadPart> parts) {
        Prefix prefix = byUpload.get(uploadId);
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
    }

    synchronized void forget(String uploadId) {
        byUpload.remove(uploadId);
    }

    static MessageDigest clone(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's " + digest.getAlgorithm() + " digest is cloneable", e);
        }
    }
}
