package org.seqvault.reliability.backend;

/**
 * A blob store's bytes as rot, a failing disk or an operator's mistake reach them: not through
 * the server. Tests use it to damage what the server stored and check that it notices; which
 * blob holds a file, {@link RecordedBlobs} says.
 */
public interface StoredBlobs {

    /** Flips one bit of the blob's stored bytes, somewhere after its first {@code offset} bytes. */
    void flipOneByte(String blobId, long offset) throws Exception;

    /** Removes every stored byte of the blob. */
    void delete(String blobId) throws Exception;
}
