package org.seqvault.client;

/** The token lacks a scope or the caller a permission, or a presigned URL was refused (HTTP 403). */
public class ForbiddenException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * An error answer of this kind.
     *
     * @param status        the HTTP status
     * @param code          the server's error code, or null
     * @param serverMessage the server's message
     * @param requestId     the request id of the answer, or null
     */
    public ForbiddenException(int status, String code, String serverMessage, String requestId) {
        super(status, code, serverMessage, requestId);
    }
}
