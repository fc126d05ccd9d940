package org.seqvault.service.port;

/** Fresh identifiers. */
public interface IdGenerator {
    /** A 24-hex-digit id for files, folders and blobs (the Seven Bridges ObjectId style). */
    String objectId();

    /** An opaque id with a prefix, e.g. "ws_…", "tok_…", "up_…". */
    String prefixed(String prefix);

    /** A token secret with at least 128 bits of entropy. */
    String secret();
}
