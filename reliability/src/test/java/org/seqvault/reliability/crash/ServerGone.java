package org.seqvault.reliability.crash;

/**
 * The server stopped answering in the middle of an operation (it was killed). {@code ambiguous}
 * says whether the request that decides the outcome may have reached it: then the operation may
 * or may not have taken effect, and only the check after the restart can tell.
 */
final class ServerGone extends Exception {
    final boolean ambiguous;

    ServerGone(boolean ambiguous, Throwable cause) {
        super(cause);
        this.ambiguous = ambiguous;
    }
}
