package org.seqvault.service.project;

import org.seqvault.domain.ByteSize;
import org.seqvault.domain.Node;
import org.seqvault.domain.Problem;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.ProjectStorage;
import org.seqvault.domain.Quota;
import org.seqvault.domain.Usage;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.MetadataStore.Tx;

/**
 * The one place project quotas are enforced, inside the write transaction that adds a file or
 * reserves room for one. A project with a quota has its storage locked first, so transactions
 * deciding on its last free bytes take turns and the limit holds exactly under concurrent
 * uploads; a project without one costs a single read. Refusals are {@code QUOTA_EXCEEDED} (403)
 * with the numbers in the message, never a 5xx, which clients would retry.
 */
public final class Quotas {
    private static final String HOW_TO_FREE = "delete files (trashed files count until they are purged)"
            + " or ask an administrator for a larger quota";

    private Quotas() {
    }

    /**
     * For what takes room from now on: a new upload (until it ends, its declared size is reserved),
     * a form upload's publication, a copy. It must fit beside the project's files and every
     * unfinished upload's reservation, so it never takes room an open upload was promised.
     *
     * @param replaced the file it will replace (an overwrite), whose room it may use; or null
     */
    public static void requireRoom(Tx tx, String projectId, ProjectRef ref, long bytes, Node replaced) {
        ProjectStorage storage = locked(tx, projectId);
        if (storage != null) {
            check(ref, storage.quota(), Taken.withReservations(storage.usage(), replaced), bytes, 1);
        }
    }

    /**
     * {@link #requireRoom} for {@code files} new files of {@code bytes} in all, added at once (a batch
     * of an async copy, a tree moved in from another project).
     */
    public static void requireRoomForFiles(Tx tx, String projectId, ProjectRef ref, long bytes, long files) {
        ProjectStorage storage = locked(tx, projectId);
        if (storage != null) {
            check(ref, storage.quota(), Taken.withReservations(storage.usage(), null), bytes, files);
        }
    }

    /**
     * For an upload being completed, after the file it replaces (if any) is removed: its
     * reservation becomes a file, which must fit beside the project's files. Other uploads'
     * reservations are not counted here: they were counted when this one opened, so only a quota
     * lowered since then refuses it, and then the first to complete gets the room.
     */
    public static void requireRoomToPublish(Tx tx, String projectId, ProjectRef ref, long bytes) {
        ProjectStorage storage = locked(tx, projectId);
        if (storage != null) {
            check(ref, storage.quota(), Taken.stored(storage.usage()), bytes, 1);
        }
    }

    /**
     * The bytes a form upload may still stage in the project, beside its files and unfinished
     * uploads; null when there is no byte limit. Read without a lock: the upload is checked again,
     * exactly, when it is published. A project with no room for one more file is refused here,
     * before a byte is stored.
     *
     * @param replaced the file the upload will replace (an overwrite), whose room it may use; or null
     */
    public static Long roomForStaging(Tx tx, String projectId, ProjectRef ref, Node replaced) {
        ProjectStorage storage = tx.storage().of(projectId);
        Quota q = storage.quota();
        Taken taken = Taken.withReservations(storage.usage(), replaced);
        if (q.files() != null && taken.files() + 1 > q.files()) {
            throw filesExceeded(ref, q.files(), taken, 1);
        }
        // A full project has room 0: an empty file still fits, the first byte of any other is refused.
        return q.bytes() == null ? null : Math.max(0, q.bytes() - taken.bytes());
    }

    /**
     * The refusal of a form upload larger than {@link #roomForStaging} left it: of {@code size}
     * bytes, or (size -1) of bytes that went on past the room while they were staged.
     */
    public static UserException formTooLarge(Tx tx, String projectId, ProjectRef ref, Node replaced, long room,
                                             long size) {
        ProjectStorage storage = tx.storage().of(projectId);
        Taken taken = Taken.withReservations(storage.usage(), replaced);
        long allowed = storage.quota().bytes() == null ? taken.bytes() + room : storage.quota().bytes();
        return size < 0 ? bytesExceeded(ref, allowed, taken, room, "more than ")
                : bytesExceeded(ref, allowed, taken, size, "");
    }

    /** The project's storage, locked, when it has a quota; null (and nothing locked) when it has none. */
    private static ProjectStorage locked(Tx tx, String projectId) {
        if (!tx.storage().of(projectId).quota().limits()) {
            return null;
        }
        tx.storage().lock(projectId);
        // Read again under the lock: what committed while we waited for it counts.
        return tx.storage().of(projectId);
    }

    private static void check(ProjectRef ref, Quota q, Taken taken, long bytes, long files) {
        if (q.bytes() != null && taken.bytes() + bytes > q.bytes()) {
            throw bytesExceeded(ref, q.bytes(), taken, bytes, "");
        }
        if (q.files() != null && files > 0 && taken.files() + files > q.files()) {
            throw filesExceeded(ref, q.files(), taken, files);
        }
    }

    /**
     * What counts against a quota: the stored files, with or without the unfinished uploads'
     * reservations (included in {@code bytes} and {@code files}), less the file an overwrite replaces.
     */
    private record Taken(long bytes, long files, long reservedBytes, long reservedFiles, long replacedBytes) {
        static Taken withReservations(Usage u, Node replaced) {
            long replacedBytes = replaced == null ? 0 : replaced.size();
            return new Taken(u.bytesTaken() - replacedBytes, u.filesTaken() - (replaced == null ? 0 : 1),
                    u.reservedBytes(), u.reservedFiles(), replacedBytes);
        }

        static Taken stored(Usage u) {
            return new Taken(u.bytes(), u.files(), 0, 0, 0);
        }
    }

    private static UserException bytesExceeded(ProjectRef ref, long allowed, Taken taken, long requested,
                                               String qualifier) {
        String notes = (taken.reservedBytes() > 0 ? "; " + ByteSize.human(taken.reservedBytes())
                + " of the use is reserved by unfinished uploads" : "")
                + (taken.replacedBytes() > 0 ? "; not counting the " + ByteSize.human(taken.replacedBytes())
                + " of the file it replaces" : "");
        return new UserException(Problem.QUOTA_EXCEEDED, "project " + ref.id() + " is over its quota: "
                + ByteSize.human(taken.bytes()) + " used + " + qualifier + ByteSize.human(requested) + " requested > "
                + ByteSize.human(allowed) + " allowed (" + taken.bytes() + " + " + qualifier + requested + " > "
                + allowed + " bytes" + notes + "); " + HOW_TO_FREE);
    }

    private static UserException filesExceeded(ProjectRef ref, long allowed, Taken taken, long requested) {
        return new UserException(Problem.QUOTA_EXCEEDED, "project " + ref.id() + " is over its file quota: "
                + taken.files() + " files used + " + requested + " requested > " + allowed + " allowed"
                + (taken.reservedFiles() > 0 ? " (" + taken.reservedFiles() + " of them reserved by unfinished uploads)"
                : "") + "; " + HOW_TO_FREE);
    }
}
