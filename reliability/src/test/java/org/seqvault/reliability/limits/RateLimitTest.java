package org.seqvault.reliability.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqvault.reliability.backend.Backend;
import org.seqvault.reliability.support.Accounts;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.InProcessServer;
import org.seqvault.reliability.support.ServerProcess;

/**
 * Per-token rate limiting as the Seven Bridges platform does it: every authenticated answer
 * carries X-RateLimit-Limit/-Remaining/-Reset; the request after the last allowed one gets 429
 * with Retry-After (and code 1000 on /v2, rate_limited on /v1); another token of the same user
 * keeps its own count; GET /v2/rate_limit agrees with the headers; the next window allows again.
 */
class RateLimitTest {
    private static final int LIMIT = 5;
    private static final int WINDOW_SECONDS = 3;

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.seqvault.reliability.backend.Backends#selected")
    void tokensGetTheirQuotaThen429WithRetryAfter(Backend backend, @TempDir Path data) throws Exception {
        try (InProcessServer server = InProcessServer.start(backend, data, Map.of("SEQVAULT_RATE_LIMIT",
                Integer.toString(LIMIT), "SEQVAULT_RATE_LIMIT_WINDOW", WINDOW_SECONDS + "s"))) {
            Http http = server.http();
            Accounts accounts = new Accounts(http, ServerProcess.ADMIN_TOKEN);
            accounts.user("counted");
            String first = accounts.token("counted", null, "files").get("token").asText();
            String second = accounts.token("counted", null, "files").get("token").asText();
            startOfAWindow();

            for (int i = 1; i <= LIMIT; i++) {
                Http.Answer ok = http.get("/v2/user", first);
                assertThat(ok.status()).as(ok.text()).isEqualTo(200);
                assertThat(ok.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(LIMIT));
                assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(LIMIT - i));
                long reset = Long.parseLong(ok.header("X-RateLimit-Reset"));
                long now = System.currentTimeMillis() / 1000;
                assertThat(reset).isBetween(now, now + WINDOW_SECONDS);
            }
            Http.Answer v2 = http.get("/v2/user", first);
            assertThat(v2.status()).as(v2.text()).isEqualTo(429);
            assertThat(Long.parseLong(v2.header("Retry-After"))).isBetween(1L, (long) WINDOW_SECONDS);
            assertThat(v2.header("X-RateLimit-Remaining")).isEqualTo("0");
            assertThat(v2.json().get("code").asInt()).isEqualTo(1000);
            assertThat(v2.json().get("status").asInt()).isEqualTo(429);
            Http.Answer v1 = http.get("/v1/tokens", first);
            assertThat(v1.status()).isEqualTo(429);
            assertThat(Long.parseLong(v1.header("Retry-After"))).isBetween(1L, (long) WINDOW_SECONDS);
            assertThat(v1.json().get("error").get("code").asText()).isEqualTo("rate_limited");

            Http.Answer other = http.get("/v2/rate_limit", second);
            assertThat(other.status()).as("another token has its own count").isEqualTo(200);
            assertThat(other.json().get("rate").get("limit").asInt()).isEqualTo(LIMIT);
            assertThat(other.json().get("rate").get("remaining").asText()).isEqualTo(other.header("X-RateLimit-Remaining"));
            assertThat(http.get("/v2/user", null).status()).as("no token: refused, not counted").isEqualTo(401);

            Thread.sleep(Long.parseLong(v2.header("Retry-After")) * 1000 + 200);
            assertThat(http.get("/v2/user", first).status()).as("after Retry-After").isEqualTo(200);
        }
    }

    /** Waits for a fresh fixed window, so the counted requests all fall in one. */
    private static void startOfAWindow() throws InterruptedException {
        long millis = System.currentTimeMillis();
        long next = (millis / 1000 / WINDOW_SECONDS + 1) * WINDOW_SECONDS * 1000;
        Thread.sleep(next - millis + 50);
    }
}
