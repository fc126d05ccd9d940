package org.seqvault.client;

/** The request was malformed or named something invalid (HTTP 400). */
public class BadRequestException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * An error answer of this kind.
     *
     * @param status        the HTTP status
     * @param code          the server's error code, or null
     * @param serverMessage the server's message
     * @param requestId     the request id of the answer, or null
     */
    public BadRequestException(int status, String code, String serverMessage, String requestId) {
        super(status, code, serverMessage, requestId);
    }
}
