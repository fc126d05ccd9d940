package org.seqvault.reliability.auth;

/** Who calls: every way a request can be unauthenticated, and every level of access. */
enum CallerKind {
    NO_TOKEN,
    MALFORMED_TOKEN,
    UNKNOWN_TOKEN,
    EXPIRED_TOKEN,
    REVOKED_TOKEN,
    /** The owner, through a token without the scope the route needs. */
    TOKEN_LACKING_SCOPE,
    NON_MEMBER,
    READ_MEMBER,
    WRITE_MEMBER,
    OWNER,
    ADMIN;

    boolean unauthenticated() {
        return ordinal() <= REVOKED_TOKEN.ordinal();
    }

    /** Whether the caller may see the project under attack (its names are then no secret to it). */
    boolean seesProject() {
        return this == TOKEN_LACKING_SCOPE || this == READ_MEMBER || this == WRITE_MEMBER || this == OWNER
                || this == ADMIN;
    }
}
