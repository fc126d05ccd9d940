package org.seqvault.client;

/**
 * Bytes did not survive the trip: a downloaded file's SHA-256 differs from the server's, or a
 * stored part's ETag differs from the MD5 of the bytes sent. Nothing is published or kept.
 */
public class IntegrityException extends SeqVaultException {
    private static final long serialVersionUID = 1L;

    /** @param message which bytes and which checksums */
    public IntegrityException(String message) {
        super(message, null);
    }
}
