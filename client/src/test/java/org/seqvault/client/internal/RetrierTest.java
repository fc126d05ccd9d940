package org.seqvault.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.time.Duration;
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
            if (n == 1) {
                throw new RateLimitedException(429, null, "later", null, Duration.ofMillis(0));
            }
            return "ok";
        })).isEqualTo("ok");
        assertThatThrownBy(() -> retrier.run("x", true, n -> {
            tries.incrementAndGet();
            throw new RateLimitedException(429, null, "later", null, Duration.ofMinutes(5));
        })).isInstanceOf(RateLimitedException.class);
        assertThat(tries).hasValue(1);
    }

    @Test
    void backoffDoublesUpToTheCapWithJitter() {
        RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(1000), Duration.ZERO);
        assertThat(p.delayAfter(1).toMillis()).isBetween(50L, 100L);
        assertThat(p.delayAfter(3).toMillis()).isBetween(200L, 400L);
        assertThat(p.delayAfter(9).toMillis()).isBetween(500L, 1000L);
    }
}
