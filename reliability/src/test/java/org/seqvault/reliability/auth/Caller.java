package org.seqvault.reliability.auth;

import java.util.List;
import java.util.Map;

/**
 * One caller: its kind, the headers it sends (none, a malformed one, or a bearer token) and the
 * scopes of its token. Several malformed callers exist, one per way a token can be malformed.
 */
record Caller(CallerKind kind, String label, Map<String, String> headers, List<String> scopes) {

    static Caller bearer(CallerKind kind, String label, String token, List<String> scopes) {
        return new Caller(kind, label, Map.of("Authorization", "Bearer " + token), scopes);
    }

    @Override
    public String toString() {
        return label;
    }
}
