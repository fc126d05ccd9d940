package org.seqvault.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to wait before trying again. Calls are retried on connection failures,
 * timeouts, stalls, 5xx answers of calls that are safe to repeat, and 429 (after
 * {@code Retry-After}). Each transfer part and download range is retried on its own.
 *
 * <p>A 429 does not use up a try: the server refused the call before running it. The call is
 * sent again after the {@code Retry-After} it names, as often as the server asks, as long as
 * each wait is at most {@code maxRetryAfter} and one call's waits add up to at most
 * {@code maxAttempts × maxRetryAfter}.
 *
 * @param maxAttempts   tries per call, part or range, the first included (at least 1)
 * @param initialDelay  wait before the second try; it doubles with every further try
 * @param maxDelay      the longest wait between two tries
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a 429 asking for more fails at once
 */
public record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay, Duration maxRetryAfter) {

    /**
     * Six tries, waiting 0.5 s, 1 s, 2 s, … up to 20 s; honours {@code Retry-After} up to
     * 10 minutes (twice the Seven Bridges platform's 5-minute rate-limit window).
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(6, Duration.ofMillis(500), Duration.ofSeconds(20), Duration.ofMinutes(10));
    }

    /**
     * One try only: every failure is thrown at once.
     *
     * @return a policy without retries
     */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** Checks the values. */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /**
     * @return this policy with another number of tries
     *
     * @param attempts tries, the first included
     */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, initialDelay, maxDelay, maxRetryAfter);
    }

    /**
     * The wait after failed try number {@code attempt} (1-based): exponential, capped, with
     * jitter (50–100 %) so parallel parts that failed together do not retry together.
     *
     * @param attempt the failed try (1 for the first)
     * @return how long to wait
     */
    public Duration delayAfter(int attempt) {
        long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(Math.max(base, 0), maxDelay.toMillis());
        return Duration.ofMillis(capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1));
    }
}
