package org.seqvault.client;

/**
 * The server answered with an error status. Carries the server's own error code (a snake_case
 * word such as {@code not_found} from {@code /v1}, or a number such as {@code 5002} from
 * {@code /v2}), its message, and the request id to quote in a bug report.
 * Subclasses name the common kinds; other statuses (405, 415, 416, 507, …) arrive as this class.
 */
public class ApiException extends SeqVaultException {
    private static final long serialVersionUID = 1L;
    /** The HTTP status. */
    private final int status;
    /** The server's error code, or null. */
    private final String code;
    /** The server's message. */
    private final String serverMessage;
    /** The answer's request id, or null. */
    private final String requestId;

    /**
     * @param status        the HTTP status
     * @param code          the server's error code, or null when the body had none
     * @param serverMessage the server's message, or a description of the answer when it had none
     * @param requestId     the {@code X-Request-Id} of the answer, or null
     */
    public ApiException(int status, String code, String serverMessage, String requestId) {
        super(describe(status, code, serverMessage), null);
        this.status = status;
        this.code = code;
        this.serverMessage = serverMessage;
        this.requestId = requestId;
    }

    private static String describe(int status, String code, String message) {
        return message + " (HTTP " + status + (code == null ? "" : ", " + code) + ")";
    }

    /** @return the HTTP status of the answer */
    public int status() {
        return status;
    }

    /** @return the server's error code ({@code not_found}, {@code 5002}, …), or null */
    public String code() {
        return code;
    }

    /** @return the server's message, without status or code */
    public String serverMessage() {
        return serverMessage;
    }

    /** @return the request id the server logged this answer under, or null */
    public String requestId() {
        return requestId;
    }
}
