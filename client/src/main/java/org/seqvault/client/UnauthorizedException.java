package org.seqvault.client;

/** The token is missing, unknown, expired or revoked (HTTP 401). */
public class UnauthorizedException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * An error answer of this kind.
     *
     * @param status        the HTTP status
     * @param code          the server's error code, or null
     * @param serverMessage the server's message
     * @param requestId     the request id of the answer, or null
     */
    public UnauthorizedException(int status, String code, String serverMessage, String requestId) {
        super(status, code, serverMessage, requestId);
    }
}
