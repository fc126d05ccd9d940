package org.seqvault.client;

/**
 * Base of every exception the SDK throws. Unchecked: callers catch the kinds they can act on
 * ({@link NotFoundException}, {@link ConflictException}, …) and let the rest propagate.
 */
public class SeqVaultException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, for people
     * @param cause   the underlying failure, or null
     */
    public SeqVaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
