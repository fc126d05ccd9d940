package org.seqvault.reliability.crash;

/**
 * What the client knows about one file it uploaded and saw confirmed: its id, its bytes'
 * SHA-256, and where it is. A change whose answer was lost in a kill leaves two possible
 * states until the next check settles which one the server kept.
 */
final class TrackedFile {
    final String fileId;
    final String sha256;
    final long size;
    /** The key the file had when last seen for certain. */
    String key;
    /** Where a rename or move whose answer was lost would have put it; null when none is pending. */
    String pendingKey;
    /** A delete whose answer was lost: the file may be gone. */
    boolean pendingDelete;
    /** Confirmed deleted: must never be listed again. */
    boolean deleted;

    TrackedFile(String fileId, String sha256, long size, String key) {
        this.fileId = fileId;
        this.sha256 = sha256;
        this.size = size;
        this.key = key;
    }

    boolean settled() {
        return pendingKey == null && !pendingDelete && !deleted;
    }
}
