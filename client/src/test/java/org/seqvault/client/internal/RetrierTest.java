package org.seqvault.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.seqvault.client.BadRequestException;
import org.seqvault.client.RateLimitedException;
import org.seqvault.client.RetryPolicy;
import org.seqvault.client.ServerErrorException;
import org.seqvault.client.TransportException;

class RetrierTest {
    final Retrier retrier = new Retrier(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1)));
    final AtomicInteger tries = new AtomicInteger();

    @Test
    void repeatableWorkIsRetriedOnIoFailuresAndServerErrors() {
        String result = retrier.run("x", true, n -> {
            tries.incrementAndGet();
            if (n == 1) {
                throw new IOException("reset");
            }
            if (n == 2) {
                throw new ServerErrorException(503, null, "busy", null);
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(tries).hasValue(3);
    }

    @Test
    void otherWorkIsNotRetriedOnceItMayHaveBeenSent() {
        assertThatThrownBy(() -> retrier.run("POST /x", false, n -> {
            tries.incrementAndGet();
            throw new IOException("reset after sending");
        })).isInstanceOf(TransportException.class).hasMessage("reset after sending (POST /x)");
        assertThat(tries).hasValue(1);
    }

    @Test
    void aConnectionThatCannotBeMadeFailsAtOnceUntilTheServerHasAnswered() {
        assertThatThrownBy(() -> retrier.run("GET /v2/user", true, n -> {
            tries.incrementAndGet();
            throw new ConnectException("cannot connect to http://127.0.0.1:1");
        })).isInstanceOf(TransportException.class)
                .hasMessage("cannot connect to http://127.0.0.1:1; is the server running? (GET /v2/user)");
        assertThat(tries).as("a server that is down is not asked again").hasValue(1);

        tries.set(0);
        assertThatThrownBy(() -> retrier.run("GET /v2/user", true, n -> {
            tries.incrementAndGet();
            throw new HttpConnectTimeoutException("HTTP connect timed out");
        })).isInstanceOf(TransportException.class).hasMessage("HTTP connect timed out (GET /v2/user)");
        assertThat(tries).hasValue(1);
    }

    @Test
    void aConnectionThatCannotBeMadeIsRetriedOnceTheServerHasAnswered() {
        assertThat(retrier.<String>run("GET /v2/user", true, n -> "ok")).isEqualTo("ok");
        assertThatThrownBy(() -> retrier.run("POST /x", false, n -> {
            tries.incrementAndGet();
            throw new ConnectException("cannot connect to http://127.0.0.1:1");
        })).isInstanceOf(TransportException.class)
                .as("nothing was sent, so even work that is not repeatable is tried again")
                .hasMessage("cannot connect to http://127.0.0.1:1; is the server running? (POST /x, 3 attempts)");
        assertThat(tries).hasValue(3);

        Retrier another = new Retrier(retrier.policy());
        tries.set(0);
        assertThatThrownBy(() -> another.run("x", true, n -> {
            if (tries.incrementAndGet() == 1) {
                throw new ServerErrorException(503, null, "busy", null); // an answer, even an error
            }
            throw new ConnectException("cannot connect to http://127.0.0.1:1");
        })).isInstanceOf(TransportException.class);
        assertThat(tries).hasValue(3);
    }

    @Test
    void clientErrorsAreNeverRetried() {
        assertThatThrownBy(() -> retrier.run("x", true, n -> {
            tries.incrementAndGet();
            throw new BadRequestException(400, "90000", "bad", null);
        })).isInstanceOf(BadRequestException.class);
        assertThat(tries).hasValue(1);
    }

    @Test
    void rateLimitsWaitAsAskedUnlessThatIsTooLong() {
        assertThat(retrier.<String>run("x", false, n -> {
            if (tries.incrementAndGet() == 1) {
                throw new RateLimitedException(429, null, "later", null, Duration.ofMillis(0));
            }
            return "ok";
        })).isEqualTo("ok");
        tries.set(0);
        assertThatThrownBy(() -> retrier.run("x", true, n -> {
            tries.incrementAndGet();
            throw new RateLimitedException(429, null, "later", null, Duration.ofMinutes(5));
        })).isInstanceOf(RateLimitedException.class);
        assertThat(tries).hasValue(1);
    }

    @Test
    void aRateLimitUsesUpNoTryAndIsHeardOncePerPause() {
        List<Duration> heard = new CopyOnWriteArrayList<>();
        Retrier once = new Retrier(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1)),
                (call, wait) -> heard.add(wait));
        String result = once.run("GET /v2/user", false, n -> {
            if (tries.incrementAndGet() <= 3) {
                throw new RateLimitedException(429, "1000", "later", null, Duration.ofMillis(20));
            }
            return "ok";
        });
        assertThat(result).as("three refusals, then the same call again, with one try allowed").isEqualTo("ok");
        assertThat(tries).hasValue(4);
        assertThat(heard).containsExactly(Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofMillis(20));
    }

    @Test
    void aRateLimitPausesEveryCallOfTheClient() throws Exception {
        CountDownLatch pausing = new CountDownLatch(1);
        Retrier shared = new Retrier(retrier.policy(), (call, wait) -> pausing.countDown());
        long beforeRefusal = System.nanoTime(); // the pause ends 300 ms after the refusal, so after this + 300 ms
        Thread refused = Thread.ofPlatform().start(() -> shared.run("a", true, n -> {
            if (n == 1 && tries.incrementAndGet() == 1) {
                throw new RateLimitedException(429, null, "later", null, Duration.ofMillis(300));
            }
            return "a";
        }));
        assertThat(pausing.await(10, TimeUnit.SECONDS)).isTrue();
        long[] otherStarted = new long[1];
        shared.run("b", true, n -> {
            otherStarted[0] = System.nanoTime();
            return "b";
        });
        refused.join();
        assertThat(Duration.ofNanos(otherStarted[0] - beforeRefusal)).as("another call waits for the pause to end")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aRateLimitedCallWhoseBodyCannotBeSentAgainFailsAtOnceAndSaysWhy() {
        List<Duration> heard = new CopyOnWriteArrayList<>();
        Retrier r = new Retrier(retrier.policy(), (call, wait) -> heard.add(wait));
        assertThatThrownBy(() -> r.run("POST /v1/files/upload", false, false, n -> {
            tries.incrementAndGet();
            throw new RateLimitedException(429, "rate_limited", "rate limit of 5 requests per window exceeded", "req_1",
                    Duration.ofMillis(10));
        }, (n, e, w) -> { })).isInstanceOfSatisfying(RateLimitedException.class, e -> {
            assertThat(e.serverMessage()).isEqualTo("rate limit of 5 requests per window exceeded; not sent again: the"
                    + " request's body was a stream that cannot be read twice");
            assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(10));
        });
        assertThat(tries).hasValue(1);
        assertThat(heard).isEmpty();
    }

    @Test
    void rateLimitWaitsEndWhenTheyAddUpToTheBudget() {
        // Budget: maxAttempts (3) x maxRetryAfter (1 s); waits of 400 ms: the eighth would exceed it.
        assertThatThrownBy(() -> retrier.run("x", true, n -> {
            tries.incrementAndGet();
            throw new RateLimitedException(429, null, "later", null, Duration.ofMillis(400));
        })).isInstanceOf(RateLimitedException.class);
        assertThat(tries).hasValue(8);
    }

    @Test
    void backoffDoublesUpToTheCapWithJitter() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ZERO);
        assertThat(p.delayAfter(1).toMillis()).isBetween(50L, 100L);
        assertThat(p.delayAfter(3).toMillis()).isBetween(200L, 400L);
        assertThat(p.delayAfter(9).toMillis()).isBetween(500L, 1000L);
    }
}
