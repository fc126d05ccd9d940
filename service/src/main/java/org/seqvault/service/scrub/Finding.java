package org.seqvault.service.scrub;

/**
 * One blob whose stored bytes are not what the database recorded.
 *
 * @param blobId   the blob
 * @param problem  what is wrong
 * @param detail   what was expected and found, for the operator
 */
public record Finding(String blobId, Problem problem, String detail) {

    /** What scrub can find wrong with a blob. */
    public enum Problem {
        /** The bytes are there but their SHA-256 (or MD5) differs from the recorded one. */
        CORRUPT,
        /** The database has the blob, the store does not. */
        MISSING,
        /** The bytes could not be read (an I/O error); the blob may or may not be intact. */
        UNREADABLE
    }
}
