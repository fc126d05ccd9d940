package org.seqvault.reliability.auth;

/**
 * What a route needs of its caller, from the platform contract: a token scope, and an access
 * level in the project it touches (or none).
 */
record Need(Scope scope, Access access) {

    enum Scope { NONE, FILES, PROJECTS, TOKENS, ADMIN }

    enum Access {
        /** No credentials at all (health). */
        PUBLIC,
        /** A presigned URL is the only credential; a token grants nothing. */
        SIGNED_URL,
        /** Any authenticated caller, acting on its own things. */
        ANY,
        READ,
        WRITE,
        /** Copy permission in the source project (and write in the target, the same project here). */
        COPY,
        /** The project's admin permission (settings, members). */
        PROJECT_ADMIN,
        /** Only the user who opened the upload. */
        UPLOAD_OWNER,
        /** Only the token's own user. */
        OWN_TOKEN,
        /** The admin scope. */
        ADMIN
    }

    static Need of(Scope scope, Access access) {
        return new Need(scope, access);
    }
}
