package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failed authentications are limited per client address: past the limit a wrong token gets 429
 * with Retry-After (in the dialect's error format) instead of 401, until the window rolls over,
 * while a valid token from the same address keeps working. Time is the server's injected clock,
 * moved by the test: nothing here waits for a timer.
 */
class AuthFailureLimitTest {
    private static final long LIMIT = 3;
    private static final Duration WINDOW = Duration.ofSeconds(60);
    /** The start of a window (a multiple of 60 s since the epoch). */
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final String WRONG = "svt_not-a-token-but-long-enough-to-look-like-one";

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private ServerFixture fx;
    private TestHttp http;
    private String valid;

    @BeforeEach
    void start() {
        fx = new ServerFixture(Backend.SQLITE_AND_FILES, now::get, cfg -> cfg.withAuthFailureLimit(LIMIT, WINDOW));
        http = fx.http;
        valid = new ApiScenario(http).user("nina", "files", "projects");
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void pastTheLimitWrongTokensGet429UntilTheWindowRollsOverWhileValidTokensKeepWorking() {
        for (int i = 1; i <= LIMIT; i++) {
            assertThat(http.get("/v1/workspaces", WRONG).status()).as("failure %d", i).isEqualTo(401);
        }
        TestHttp.Response v1 = http.get("/v1/workspaces", WRONG);
        assertThat(v1.status()).isEqualTo(429);
        assertThat(v1.header("Retry-After")).isEqualTo("60");
        JsonNode error = v1.json().get("error");
        assertThat(error.get("code").asText()).isEqualTo("rate_limited");
        assertThat(error.get("message").asText()).contains("failed authentications").contains("60 s");
        assertThat(error.get("request_id").asText()).startsWith("req_");

        TestHttp.Response v2 = new SbHttp(http, WRONG).get("/user");
        assertThat(v2.status()).isEqualTo(429);
        assertThat(v2.json().get("status").asInt()).isEqualTo(429);
        assertThat(v2.json().get("code").asInt()).isEqualTo(1000);
        assertThat(v2.json().get("more_info").isTextual()).isTrue();

        // The same address with a valid token: not refused, not counted, and its own quota untouched.
        for (int i = 0; i < 5; i++) {
            TestHttp.Response ok = http.get("/v1/workspaces", valid);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("Retry-After")).isNull();
        }
        assertThat(new SbHttp(http, valid).get("/user").status()).isEqualTo(200);
        // No token at all is not a failed attempt: it is told to authenticate.
        assertThat(http.get("/v1/workspaces", null).status()).isEqualTo(401);

        now.set(T0.plusSeconds(45));
        TestHttp.Response later = http.get("/v1/workspaces", WRONG);
        assertThat(later.status()).isEqualTo(429);
        assertThat(later.header("Retry-After")).isEqualTo("15");

        now.set(T0.plus(WINDOW));
        assertThat(http.get("/v1/workspaces", WRONG).status()).as("a new window").isEqualTo(401);
    }

    @Test
    void expiredAndRevokedTokensCountAsFailuresToo() {
        String admin = ServerFixture.ADMIN_TOKEN;
        String expiring = ok(http.postJson("/admin/v1/tokens", admin, Map.of("username", "nina", "scopes",
                List.of("files"), "expires_in", 60)), 201).get("token").asText();
        JsonNode revoked = ok(http.postJson("/admin/v1/tokens", admin, Map.of("username", "nina", "scopes",
                List.of("files"))), 201);
        assertThat(http.delete("/v1/tokens/" + revoked.get("id").asText(), admin).status()).isEqualTo(204);
        now.set(T0.plusSeconds(60)); // the expiring token's last moment has passed; a new failure window starts

        assertThat(http.get("/v1/workspaces", expiring).status()).isEqualTo(401);
        assertThat(http.get("/v1/workspaces", revoked.get("token").asText()).status()).isEqualTo(401);
        assertThat(http.get("/v1/workspaces", expiring).status()).isEqualTo(401);
        assertThat(http.get("/v1/workspaces", revoked.get("token").asText()).status()).isEqualTo(429);
        assertThat(http.get("/v1/workspaces", valid).status()).isEqualTo(200);
    }
}
