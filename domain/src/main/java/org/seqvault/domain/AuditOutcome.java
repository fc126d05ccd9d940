package org.seqvault.domain;

/** How an audited request ended: done, or refused for one of a few broad reasons. */
public enum AuditOutcome {
    OK("ok"),
    /** No permission, missing scope. */
    DENIED("denied"),
    NOT_FOUND("not_found"),
    /** Bad input, or bytes that did not match what the client claimed. */
    INVALID("invalid"),
    /** The name is taken, the folder or project is not empty, the last admin would be lost, … */
    CONFLICT("conflict"),
    /** Refused for the server's state rather than the request (busy, out of space, rate limited). */
    FAILED("failed"),
    /** Our own bug or a broken store: nothing was changed. */
    ERROR("error");

    private final String wireName;

    AuditOutcome(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The outcome of a request refused with a user error of this kind. */
    public static AuditOutcome of(Kind kind) {
        return switch (kind) {
            case UNAUTHORIZED, FORBIDDEN -> DENIED;
            case NOT_FOUND -> NOT_FOUND;
            case INVALID, UNPROCESSABLE, TOO_LARGE, UNSUPPORTED_MEDIA_TYPE, RANGE_NOT_SATISFIABLE -> INVALID;
            case CONFLICT -> CONFLICT;
            case RATE_LIMITED, INSUFFICIENT_STORAGE, UNAVAILABLE -> FAILED;
        };
    }
}
