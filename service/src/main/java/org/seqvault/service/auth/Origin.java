package org.seqvault.service.auth;

/**
 * Where a call came from: the request id the server gave it and the client's address. Both are
 * null for work the server does on its own (bootstrap, background passes).
 */
public record Origin(String requestId, String clientAddress) {
    public static final Origin NONE = new Origin(null, null);
}
