package org.seqvault.service.port;

import java.io.IOException;

/**
 * The blob store itself failed: its service answered an error, or the connection to it broke.
 * Distinct from an I/O error on the client's connection, because a store's network failure reads
 * the same ("Broken pipe", "Connection reset") and must not be mistaken for a client that went
 * away: the client is still there and is owed a 500.
 */
public class BlobStoreFailure extends IOException {
    private static final long serialVersionUID = 1L;

    public BlobStoreFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
