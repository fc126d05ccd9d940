package org.seqvault.client;

import java.time.Duration;

/**
 * The token used up its request allowance (HTTP 429) and waiting as long as the server asked
 * would exceed {@link RetryPolicy#maxRetryAfter()}.
 */
public class RateLimitedException extends ApiException {
    private static final long serialVersionUID = 1L;
    /** The server's {@code Retry-After}, or null. */
    private final Duration retryAfter;

    /**
     * A 429 answer.
     *
     * @param status        the HTTP status
     * @param code          the server's error code, or null
     * @param serverMessage the server's message
     * @param requestId     the request id of the answer, or null
     * @param retryAfter    how long the server asked to wait, or null when it did not say
     */
    public RateLimitedException(int status, String code, String serverMessage, String requestId, Duration retryAfter) {
        super(status, code, serverMessage, requestId);
        this.retryAfter = retryAfter;
    }

    /** @return how long the server asked to wait ({@code Retry-After}), or null */
    public Duration retryAfter() {
        return retryAfter;
    }
}
