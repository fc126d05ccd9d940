package org.seqvault.cli;

/** The command could not do what was asked for a reason the user can act on: exit code 1. */
public final class CommandFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public CommandFailure(String message) {
        super(message);
    }

    /** The same, for a failure that {@code cause} explains to the program rather than to the user. */
    public CommandFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
