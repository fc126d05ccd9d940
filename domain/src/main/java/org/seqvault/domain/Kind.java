package org.seqvault.domain;

/** The broad class of a user error; each API dialect maps it to an HTTP status. */
public enum Kind {
    INVALID(400),
    UNAUTHORIZED(401),
    FORBIDDEN(403),
    NOT_FOUND(404),
    CONFLICT(409),
    TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    RANGE_NOT_SATISFIABLE(416),
    UNPROCESSABLE(422),
    RATE_LIMITED(429),
    INSUFFICIENT_STORAGE(507),
    UNAVAILABLE(503);

    private final int httpStatus;

    Kind(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
