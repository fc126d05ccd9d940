package org.seqvault.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How the SDK talks to the server. Immutable; start from {@link #defaults()} and change what
 * you need with the {@code with…} methods.
 *
 * @param connectTimeout longest wait for a TCP connection
 * @param requestTimeout longest wait for the answer to an API call (not a transfer)
 * @param stallTimeout   a part upload or range download that moves no byte for this long is
 *                       aborted and retried
 * @param retry          when and how often to try again
 * @param userAgent      the {@code User-Agent} header
 * @param rateLimited    told when a 429 makes the client wait out its {@code Retry-After}
 */
public record ClientOptions(Duration connectTimeout, Duration requestTimeout, Duration stallTimeout,
                            RetryPolicy retry, String userAgent, RateLimitListener rateLimited) {

    /**
     * 10 s to connect, 60 s per API call, 60 s without progress, {@link RetryPolicy#defaults()},
     * rate-limit pauses logged ({@link RateLimitListener#LOG}).
     *
     * @return the default options
     */
    public static ClientOptions defaults() {
        return new ClientOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(60),
                RetryPolicy.defaults(), "seqvault-java/" + version(), RateLimitListener.LOG);
    }

    /**
     * The options as they were before the rate-limit listener, which is then {@link RateLimitListener#LOG}.
     *
     * @param connectTimeout longest wait for a TCP connection
     * @param requestTimeout longest wait for the answer to an API call
     * @param stallTimeout   how long a transfer may move no byte
     * @param retry          when and how often to try again
     * @param userAgent      the {@code User-Agent} header
     */
    public ClientOptions(Duration connectTimeout, Duration requestTimeout, Duration stallTimeout, RetryPolicy retry,
                         String userAgent) {
        this(connectTimeout, requestTimeout, stallTimeout, retry, userAgent, RateLimitListener.LOG);
    }

    /** Checks that nothing is missing. */
    public ClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(stallTimeout, "stallTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(userAgent, "userAgent");
        Objects.requireNonNull(rateLimited, "rateLimited");
    }

    /**
     * @return these options with another connect timeout
     *
     * @param timeout the new timeout
     */
    public ClientOptions withConnectTimeout(Duration timeout) {
        return new ClientOptions(timeout, requestTimeout, stallTimeout, retry, userAgent, rateLimited);
    }

    /**
     * @return these options with another API call timeout
     *
     * @param timeout the new timeout
     */
    public ClientOptions withRequestTimeout(Duration timeout) {
        return new ClientOptions(connectTimeout, timeout, stallTimeout, retry, userAgent, rateLimited);
    }

    /**
     * @return these options with another stall timeout for transfers
     *
     * @param timeout the new timeout
     */
    public ClientOptions withStallTimeout(Duration timeout) {
        return new ClientOptions(connectTimeout, requestTimeout, timeout, retry, userAgent, rateLimited);
    }

    /**
     * @return these options with another retry policy
     *
     * @param policy the new retry policy
     */
    public ClientOptions withRetry(RetryPolicy policy) {
        return new ClientOptions(connectTimeout, requestTimeout, stallTimeout, policy, userAgent, rateLimited);
    }

    /**
     * @return these options with another {@code User-Agent}
     *
     * @param agent the new User-Agent
     */
    public ClientOptions withUserAgent(String agent) {
        return new ClientOptions(connectTimeout, requestTimeout, stallTimeout, retry, agent, rateLimited);
    }

    /**
     * @return these options with another listener for rate-limit pauses ({@link RateLimitListener#NONE} for silence)
     *
     * @param listener told before each pause
     */
    public ClientOptions withRateLimitListener(RateLimitListener listener) {
        return new ClientOptions(connectTimeout, requestTimeout, stallTimeout, retry, userAgent, listener);
    }

    /**
     * The SDK's version from the jar manifest, or "dev" when run from classes.
     *
     * @return the version, e.g. {@code 0.1.0}
     */
    public static String version() {
        String v = ClientOptions.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
