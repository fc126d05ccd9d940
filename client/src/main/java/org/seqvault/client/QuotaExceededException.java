package org.seqvault.client;

/**
 * The project's quota has no room for the upload or copy (HTTP 403, code {@code quota_exceeded} on
 * {@code /v1}, 90010 on {@code /v2}); the message gives the numbers. Retrying does not help until
 * files are deleted (and purged from the trash) or the quota is raised.
 */
public class QuotaExceededException extends ForbiddenException {
    private static final long serialVersionUID = 1L;

    /**
     * An error answer of this kind.
     *
     * @param status        the HTTP status
     * @param code          the server's error code
     * @param serverMessage the server's message
     * @param requestId     the request id of the answer, or null
     */
    public QuotaExceededException(int status, String code, String serverMessage, String requestId) {
        super(status, code, serverMessage, requestId);
    }
}
