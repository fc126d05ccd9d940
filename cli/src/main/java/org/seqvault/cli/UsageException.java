package org.seqvault.cli;

/** The command cannot run as asked (bad arguments, not logged in): exit code 2. */
public final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(message);
    }
}
