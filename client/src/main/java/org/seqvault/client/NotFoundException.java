package org.seqvault.client;

/** The file, folder, project, upload or token does not exist, or the caller may not see it (HTTP 404). */
public class NotFoundException extends ApiException {
    private static final long serialVersionUID = 1L;

    /**
     * An error answer of this kind.
     *
     * @param status        the HTTP status
     * @param code          the server's error code, or null
     * @param serverMessage the server's message
     * @param requestId     the request id of the answer, or null
     */
    public NotFoundException(int status, String code, String serverMessage, String requestId) {
        super(status, code, serverMessage, requestId);
    }
}
