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
        ADMIN,
        /** DRS, on the project's (private) file: read permission; without any token, refused as elsewhere (401). */
        DRS_READ,
        /** DRS, on a file of a public project: anyone, with a valid token of the scope or with no token at all. */
        DRS_PUBLIC_READ,
        /** DRS OPTIONS: answered to a caller without a token whatever the id; a token is checked as for read. */
        DRS_AUTH_INFO,
        /** A DRS bulk call: any authenticated caller, or none; each id is then judged on its own. */
        DRS_BULK;

        /** Whether a caller sending no token at all gets the route's success status. */
        boolean servesWithoutToken() {
            return this == DRS_PUBLIC_READ || this == DRS_AUTH_INFO || this == DRS_BULK;
        }
    }

    static Need of(Scope scope, Access access) {
        return new Need(scope, access);
    }
}
