package org.seqvault.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqvault.client.ApiException;
import org.seqvault.client.ConflictException;
import org.seqvault.client.ForbiddenException;
import org.seqvault.client.NotFoundException;
import org.seqvault.client.QuotaExceededException;
import org.seqvault.client.RateLimitedException;
import org.seqvault.client.ServerErrorException;

class ErrorDecoderTest {
    static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (k, v) -> true);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheV1Dialect() {
        ApiException e = ErrorDecoder.decode(404, headers(Map.of()),
                bytes("{\"error\":{\"code\":\"not_found\",\"message\":\"no such key\",\"request_id\":\"req_1\"}}"));
        assertThat(e).isInstanceOf(NotFoundException.class);
        assertThat(e.code()).isEqualTo("not_found");
        assertThat(e.serverMessage()).isEqualTo("no such key");
        assertThat(e.requestId()).isEqualTo("req_1");
        assertThat(e.getMessage()).isEqualTo("no such key (HTTP 404, not_found)");
    }

    @Test
    void readsTheSevenBridgesDialectWithTheRequestIdHeader() {
        ApiException e = ErrorDecoder.decode(409, headers(Map.of("X-Request-Id", List.of("req_2"))),
                bytes("{\"status\":409,\"code\":5003,\"message\":\"name taken\",\"more_info\":\"…\"}"));
        assertThat(e).isInstanceOf(ConflictException.class);
        assertThat(e.code()).isEqualTo("5003");
        assertThat(e.requestId()).isEqualTo("req_2");
    }

    @Test
    void keepsTheFirstLineOfAnythingElse() {
        ApiException e = ErrorDecoder.decode(502, headers(Map.of()), bytes("<html>Bad gateway\n<body>…"));
        assertThat(e).isInstanceOf(ServerErrorException.class);
        assertThat(e.code()).isNull();
        assertThat(e.serverMessage()).isEqualTo("<html>Bad gateway");
        assertThat(ErrorDecoder.decode(503, headers(Map.of()), new byte[0]).serverMessage())
                .isEqualTo("the server answered HTTP 503");
    }

    @Test
    void aQuotaRefusalIsItsOwnKindOfForbiddenInBothDialects() {
        ApiException v1 = ErrorDecoder.decode(403, headers(Map.of()),
                bytes("{\"error\":{\"code\":\"quota_exceeded\",\"message\":\"over its quota\"}}"));
        ApiException v2 = ErrorDecoder.decode(403, headers(Map.of()),
                bytes("{\"status\":403,\"code\":90010,\"message\":\"over its quota\",\"more_info\":\"…\"}"));
        ApiException scope = ErrorDecoder.decode(403, headers(Map.of()),
                bytes("{\"error\":{\"code\":\"missing_scope\",\"message\":\"no files scope\"}}"));
        assertThat(v1).isInstanceOf(QuotaExceededException.class);
        assertThat(v2).isInstanceOf(QuotaExceededException.class);
        assertThat(scope).isInstanceOf(ForbiddenException.class).isNotInstanceOf(QuotaExceededException.class);
    }

    @Test
    void rateLimitsCarryRetryAfter() {
        ApiException e = ErrorDecoder.decode(429, headers(Map.of("Retry-After", List.of("7"))),
                bytes("{\"error\":{\"code\":\"rate_limited\",\"message\":\"slow down\"}}"));
        assertThat(e).isInstanceOfSatisfying(RateLimitedException.class,
                r -> assertThat(r.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }
}
