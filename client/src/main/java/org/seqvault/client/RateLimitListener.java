package org.seqvault.client;

import java.time.Duration;

/**
 * Hears that the server refused a call with 429 and the SDK waits out its {@code Retry-After}
 * before sending the same call again. Told once per pause: calls on other threads that meet
 * the same pause wait with it silently. Called on the thread that met the 429; keep it quick.
 */
@FunctionalInterface
public interface RateLimitListener {
    /** Hears nothing. */
    RateLimitListener NONE = (call, wait) -> { };

    /** Logs each pause at INFO through {@link System.Logger} ({@code org.seqvault.client}). */
    RateLimitListener LOG = (call, wait) -> System.getLogger("org.seqvault.client").log(System.Logger.Level.INFO,
            "rate limited by the server; waiting {0} s (Retry-After) before {1}", wait.toSeconds(), call);

    /**
     * The SDK is about to wait.
     *
     * @param call the refused call, e.g. {@code POST /v2/upload/multipart}
     * @param wait how long every call of this client now waits
     */
    void waiting(String call, Duration wait);
}
