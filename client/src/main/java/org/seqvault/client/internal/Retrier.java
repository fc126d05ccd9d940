package org.seqvault.client.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import org.seqvault.client.ApiException;
import org.seqvault.client.IntegrityException;
import org.seqvault.client.RateLimitedException;
import org.seqvault.client.RetryPolicy;
import org.seqvault.client.SeqVaultException;
import org.seqvault.client.TransportException;

/**
 * Runs an attempt again while the {@link RetryPolicy} allows and the failure is worth another
 * try: I/O failures and timeouts (only for repeatable work, unless the connection was never
 * made), 5xx and 408 answers (repeatable work only), corrupted parts, and 429 for anything
 * (the rate limiter refuses before a handler runs) after the {@code Retry-After} it names.
 * A connection that cannot be made is retried only once a server has answered: before that it
 * means a server that is down or a wrong URL, which waiting does not mend; after, a server
 * restarting under a transfer.
 */
public final class Retrier {
    /** One try of the work. */
    @FunctionalInterface
    public interface Attempt<T> {
        T run(int attempt) throws IOException, InterruptedException;
    }

    /** Told before each wait, e.g. to roll back progress or to log. */
    @FunctionalInterface
    public interface Observer {
        void retrying(int failedAttempt, Exception cause, Duration wait);
    }

    private final RetryPolicy policy;
    /** Whether any attempt has had an answer (even an error status) from a server. */
    private volatile boolean answered;

    public Retrier(RetryPolicy policy) {
        this.policy = policy;
    }

    public RetryPolicy policy() {
        return policy;
    }

    public <T> T run(String what, boolean repeatable, Attempt<T> attempt) {
        return run(what, repeatable, attempt, (n, e, w) -> { });
    }

    public <T> T run(String what, boolean repeatable, Attempt<T> attempt, Observer observer) {
        for (int n = 1; ; n++) {
            Exception failure;
            try {
                T result = attempt.run(n);
                answered = true;
                return result;
            } catch (ApiException | IntegrityException e) {
                answered = true;
                failure = e;
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SeqVaultException(what + " was interrupted", e);
            }
            Duration wait = n < policy.maxAttempts() ? waitBeforeRetry(failure, n, repeatable) : null;
            if (wait == null) {
                throw giveUp(what, n, failure);
            }
            observer.retrying(n, failure, wait);
            sleep(what, wait);
        }
    }

    /** How long to wait before trying again after this failure, or null when it must not be retried. */
    private Duration waitBeforeRetry(Exception failure, int attempt, boolean repeatable) {
        if (failure instanceof RateLimitedException limited) {
            Duration asked = limited.retryAfter() == null ? policy.delayAfter(attempt) : limited.retryAfter();
            return asked.compareTo(policy.maxRetryAfter()) <= 0 ? asked : null;
        }
        if (failure instanceof ApiException api) {
            boolean transientStatus = api.status() == 408 || api.status() == 500 || api.status() == 502
                    || api.status() == 503 || api.status() == 504;
            return transientStatus && repeatable ? policy.delayAfter(attempt) : null;
        }
        if (failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException) {
            return answered ? policy.delayAfter(attempt) : null; // nothing was sent: safe to repeat
        }
        return repeatable ? policy.delayAfter(attempt) : null;
    }

    /** The failure in words first, then what was being done: "cannot connect to … (GET /v2/user)". */
    private static SeqVaultException giveUp(String what, int attempts, Exception failure) {
        if (failure instanceof SeqVaultException e) {
            return e;
        }
        String tries = attempts == 1 ? "" : ", " + attempts + " attempts";
        return new TransportException(describe(failure) + " (" + what + tries + ")", failure);
    }

    static String describe(Throwable e) {
        if (e instanceof ConnectException) {
            return (e.getMessage() == null ? "cannot connect" : e.getMessage()) + "; is the server running?";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void sleep(String what, Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeqVaultException(what + " was interrupted", e);
        }
    }
}
