package org.seqvault.domain;

/**
 * Every user error the service can report. The kind fixes the HTTP status; each dialect
 * (v1, Seven Bridges, DRS) maps the problem to its own error code.
 */
public enum Problem {
    INVALID_REQUEST(Kind.INVALID),
    INVALID_JSON(Kind.INVALID),
    INVALID_NAME(Kind.INVALID),
    INVALID_KEY(Kind.INVALID),
    INVALID_METADATA(Kind.INVALID),
    INVALID_TAGS(Kind.INVALID),
    INVALID_PROJECT_ID(Kind.INVALID),
    INVALID_ID(Kind.INVALID),
    INVALID_CURSOR(Kind.INVALID),
    TOO_MANY_ITEMS(Kind.INVALID),
    PROJECT_AND_PARENT(Kind.INVALID),
    NO_PROJECT_OR_PARENT(Kind.INVALID),
    NOT_A_FOLDER(Kind.INVALID),
    FOLDER_NOT_EMPTY(Kind.INVALID),
    MOVE_ACROSS_PROJECTS(Kind.INVALID),
    FOLDER_DOWNLOAD(Kind.INVALID),
    FOLDER_COPY(Kind.INVALID),
    FOLDER_MOVE(Kind.INVALID),
    FOLDER_RENAME(Kind.INVALID),
    FOLDER_METADATA(Kind.INVALID),
    FOLDER_TAGS(Kind.INVALID),
    INVALID_TYPE(Kind.INVALID),
    BAD_PART_NUMBER(Kind.INVALID),
    BAD_PART_REPORT(Kind.INVALID),
    BAD_UPLOAD_INIT(Kind.INVALID),
    /** htsget: a format the file does not have or the endpoint does not serve. */
    UNSUPPORTED_FORMAT(Kind.INVALID),
    /** htsget: a region whose start lies after its end. */
    INVALID_RANGE(Kind.INVALID),

    UNAUTHORIZED(Kind.UNAUTHORIZED),
    MISSING_SCOPE(Kind.FORBIDDEN),
    FORBIDDEN(Kind.FORBIDDEN),
    UPLOAD_FORBIDDEN(Kind.FORBIDDEN),
    BAD_SIGNATURE(Kind.FORBIDDEN),
    QUOTA_EXCEEDED(Kind.FORBIDDEN),

    PROJECT_NOT_FOUND(Kind.NOT_FOUND),
    FILE_NOT_FOUND(Kind.NOT_FOUND),
    FOLDER_NOT_FOUND(Kind.NOT_FOUND),
    UPLOAD_NOT_FOUND(Kind.NOT_FOUND),
    USER_NOT_FOUND(Kind.NOT_FOUND),
    TOKEN_NOT_FOUND(Kind.NOT_FOUND),
    MEMBER_NOT_FOUND(Kind.NOT_FOUND),
    ROUTE_NOT_FOUND(Kind.NOT_FOUND),
    /** htsget: a reference the file does not have, or a region query on a file without its index. */
    GENOMIC_DATA_NOT_FOUND(Kind.NOT_FOUND),
    JOB_NOT_FOUND(Kind.NOT_FOUND),

    NAME_EXISTS(Kind.CONFLICT),
    FOLDER_EXISTS(Kind.CONFLICT),
    USER_EXISTS(Kind.CONFLICT),
    MEMBER_EXISTS(Kind.CONFLICT),
    PROJECT_NOT_EMPTY(Kind.CONFLICT),
    LAST_ADMIN(Kind.CONFLICT),
    UPLOAD_INCOMPLETE(Kind.CONFLICT),
    UPLOAD_NOT_OPEN(Kind.CONFLICT),

    PAYLOAD_TOO_LARGE(Kind.TOO_LARGE),
    UNSUPPORTED_MEDIA_TYPE(Kind.UNSUPPORTED_MEDIA_TYPE),
    RANGE_NOT_SATISFIABLE(Kind.RANGE_NOT_SATISFIABLE),
    SIZE_MISMATCH(Kind.UNPROCESSABLE),
    CHECKSUM_MISMATCH(Kind.UNPROCESSABLE),
    RATE_LIMITED(Kind.RATE_LIMITED),
    INSUFFICIENT_STORAGE(Kind.INSUFFICIENT_STORAGE),
    SERVICE_UNAVAILABLE(Kind.UNAVAILABLE);

    private final Kind kind;

    Problem(Kind kind) {
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
