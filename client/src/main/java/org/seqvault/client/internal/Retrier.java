package org.seqvault.client.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import org.seqvault.client.ApiException;
import org.seqvault.client.IntegrityException;
import org.seqvault.client.RateLimitListener;
import org.seqvault.client.RateLimitedException;
import org.seqvault.client.RetryPolicy;
import org.seqvault.client.SeqVaultException;
import org.seqvault.client.TransportException;

/**
 * Runs an attempt again while the {@link RetryPolicy} allows and the failure is worth another
 * try: I/O failures and timeouts (only for repeatable work, unless the connection was never
 * made), 5xx and 408 answers (repeatable work only), corrupted parts, and 429 for anything
 * whose body can be sent again (the rate limiter refuses before a handler runs) after the
 * {@code Retry-After} it names. A connection that cannot be made is retried only once a server
 * has answered: before that it means a server that is down or a wrong URL, which waiting does
 * not mend; after, a server restarting under a transfer.
 *
 * <p>A 429 pauses every call of this client, not only the refused one: they share one token's
 * quota, and calls sent during the pause would only be refused too. The
 * {@link RateLimitListener} hears each pause once.
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

    private static final Duration MIN_WAIT = Duration.ofMillis(1);

    private final RetryPolicy policy;
    private final RateLimitListener rateLimited;
    /** Whether any attempt has had an answer (even an error status) from a server. */
    private volatile boolean answered;
    /** {@link System#nanoTime()} until which every call waits: the end of the last Retry-After. */
    private long pausedUntil;
    private boolean paused;

    public Retrier(RetryPolicy policy) {
        this(policy, RateLimitListener.NONE);
    }

    public Retrier(RetryPolicy policy, RateLimitListener rateLimited) {
        this.policy = policy;
        this.rateLimited = rateLimited;
    }

    public RetryPolicy policy() {
        return policy;
    }

    public <T> T run(String what, boolean repeatable, Attempt<T> attempt) {
        return run(what, repeatable, attempt, (n, e, w) -> { });
    }

    public <T> T run(String what, boolean repeatable, Attempt<T> attempt, Observer observer) {
        return run(what, repeatable, true, attempt, observer);
    }

    /**
     * @param repeatable whether running the work twice is harmless (a lost answer may be asked for again)
     * @param replayable whether the request's body can be sent again; a 429 to one that cannot fails at once
     */
    public <T> T run(String what, boolean repeatable, boolean replayable, Attempt<T> attempt, Observer observer) {
        long rateLimitWaits = 0;
        int refusals = 0;
        long rateLimitBudget = policy.maxRetryAfter().toMillis() * policy.maxAttempts();
        for (int n = 1; ; n++) {
            Exception failure;
            try {
                awaitPause();
                T result = attempt.run(n);
                answered = true;
                return result;
            } catch (RateLimitedException e) {
                answered = true;
                Duration wait = rateLimitWait(e, ++refusals, rateLimitBudget - rateLimitWaits);
                if (wait == null || !replayable) {
                    throw replayable ? e : notReplayable(e);
                }
                rateLimitWaits += wait.toMillis();
                pause(what, wait);
                n--; // the server refused the call before running it: no try was used up
                continue;
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

    /**
     * The server's {@code Retry-After} (or, without one, the policy's backoff), or null when it is
     * longer than the policy allows, or than what is left of the call's budget for such waits.
     */
    private Duration rateLimitWait(RateLimitedException e, int refusals, long budgetLeftMillis) {
        Duration asked = e.retryAfter() == null || e.retryAfter().isZero() ? policy.delayAfter(refusals) : e.retryAfter();
        // At least a millisecond, so that even "retry at once" uses up the budget and ends.
        Duration wait = asked.compareTo(MIN_WAIT) < 0 ? MIN_WAIT : asked;
        return wait.compareTo(policy.maxRetryAfter()) <= 0 && wait.toMillis() <= budgetLeftMillis ? wait : null;
    }

    private static RateLimitedException notReplayable(RateLimitedException e) {
        return new RateLimitedException(e.status(), e.code(), e.serverMessage()
                + "; not sent again: the request's body was a stream that cannot be read twice", e.requestId(),
                e.retryAfter());
    }

    /** Makes every call of this client wait {@code wait} from now (or longer, if a pause already ends later). */
    private void pause(String what, Duration wait) {
        long now = System.nanoTime();
        long until = now + wait.toNanos();
        boolean newPause;
        synchronized (this) {
            // A pause that is over but that no call has cleared yet is not one to join.
            newPause = !paused || pausedUntil - now <= 0;
            if (newPause || until - pausedUntil > 0) {
                pausedUntil = until;
            }
            paused = true;
        }
        if (newPause) {
            rateLimited.waiting(what, wait);
        }
    }

    /** Waits out the pause a 429 started, if one is on. */
    private void awaitPause() throws InterruptedException {
        while (true) {
            long left;
            synchronized (this) {
                if (!paused) {
                    return;
                }
                left = pausedUntil - System.nanoTime();
                if (left <= 0) {
                    paused = false;
                    return;
                }
            }
            Thread.sleep(Math.max(1, left / 1_000_000));
        }
    }

    /** How long to wait before trying again after this failure, or null when it must not be retried. */
    private Duration waitBeforeRetry(Exception failure, int attempt, boolean repeatable) {
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
