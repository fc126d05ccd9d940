package org.seqvault.client;

/** The name is taken, or the upload is no longer open (HTTP 409). */
public class ConflictException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * An error answer of this kind.
     *
     * @param status        the HTTP status
     * @param code          the server's error code, or null
     * @param serverMessage the server's message
     * @param requestId     the request id of the answer, or null
     */
    public ConflictException(int status, String code, String serverMessage, String requestId) {
        super(status, code, serverMessage, requestId);
    }
}
