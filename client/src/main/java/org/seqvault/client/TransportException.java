package org.seqvault.client;

/**
 * The server could not be reached, or a connection broke or stalled, on every attempt the
 * {@link RetryPolicy} allowed.
 */
public class TransportException extends SeqVaultException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what was being done
     * @param cause   the last I/O failure
     */
    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
