package org.seqvault.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.seqvault.client.ApiException;
import org.seqvault.client.BadRequestException;
import org.seqvault.client.ConflictException;
import org.seqvault.client.ForbiddenException;
import org.seqvault.client.NotFoundException;
import org.seqvault.client.PayloadTooLargeException;
import org.seqvault.client.QuotaExceededException;
import org.seqvault.client.RateLimitedException;
import org.seqvault.client.ServerErrorException;
import org.seqvault.client.UnauthorizedException;
import org.seqvault.client.UnprocessableException;

/**
 * Turns an error answer into the matching exception. Reads both error dialects:
 * {@code {"error":{"code","message","request_id"}}} ({@code /v1}, {@code /_blob}) and
 * {@code {"status","code","message","more_info"}} ({@code /v2}) and htsget's
 * {@code {"htsget":{"error","message"}}}; anything else (an S3 XML
 * error, a proxy's HTML page) keeps its first line as the message.
 */
public final class ErrorDecoder {
    private static final int MAX_TEXT = 200;

    private ErrorDecoder() {
    }

    public static ApiException decode(int status, HttpHeaders headers, byte[] body) {
        String requestId = headers.firstValue("X-Request-Id").orElse(null);
        String code = null;
        String message = null;
        JsonNode json = parse(body);
        if (json != null && json.path("error").isObject()) {
            JsonNode e = json.get("error");
            code = text(e.get("code"));
            message = text(e.get("message"));
            requestId = e.hasNonNull("request_id") ? e.get("request_id").asText() : requestId;
        } else if (json != null && json.path("htsget").path("error").isTextual()) {
            // htsget: {"htsget": {"error": "NotFound", "message": "..."}}
            code = text(json.get("htsget").get("error"));
            message = text(json.get("htsget").get("message"));
        } else if (json != null && json.isObject() && json.has("message")) {
            code = text(json.get("code"));
            message = text(json.get("message"));
        }
        if (message == null || message.isBlank()) {
            message = fallbackMessage(status, body);
        }
        return of(status, code, message, requestId, retryAfter(headers));
    }

    /** The typed exception for a Seven Bridges error object already read, such as a failed bulk item's. */
    public static ApiException item(JsonNode error) {
        return of(error.path("status").asInt(), text(error.get("code")), text(error.get("message")), null, null);
    }

    /** The exception for an error the server reported inside an answer (a bulk or job item's). */
    public static ApiException of(int status, String code, String message, String requestId, Duration retryAfter) {
        return switch (status) {
            case 400 -> new BadRequestException(status, code, message, requestId);
            case 401 -> new UnauthorizedException(status, code, message, requestId);
            case 403 -> "quota_exceeded".equals(code) || "90010".equals(code)
                    ? new QuotaExceededException(status, code, message, requestId)
                    : new ForbiddenException(status, code, message, requestId);
            case 404 -> new NotFoundException(status, code, message, requestId);
            case 409 -> new ConflictException(status, code, message, requestId);
            case 413 -> new PayloadTooLargeException(status, code, message, requestId);
            case 422 -> new UnprocessableException(status, code, message, requestId);
            case 429 -> new RateLimitedException(status, code, message, requestId, retryAfter);
            default -> status >= 500
                    ? new ServerErrorException(status, code, message, requestId)
                    : new ApiException(status, code, message, requestId);
        };
    }

    /** {@code Retry-After} in seconds (the only form this server and S3 send), or null. */
    public static Duration retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").map(v -> {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim())));
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    private static String fallbackMessage(int status, byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        int newline = text.indexOf('\n');
        if (newline >= 0) {
            text = text.substring(0, newline);
        }
        if (text.length() > MAX_TEXT) {
            text = text.substring(0, MAX_TEXT) + "…";
        }
        return text.isEmpty() ? "the server answered HTTP " + status : text;
    }
}
