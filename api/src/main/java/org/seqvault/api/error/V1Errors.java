package org.seqvault.api.error;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqvault.api.http.RequestIds;
import org.seqvault.domain.Problem;

/** The workspace API's errors: {"error": {"code", "message", "request_id"}}. */
public final class V1Errors implements ErrorDialect {

    @Override
    public void render(Context ctx, int status, Problem problem, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code(status, problem));
        error.put("message", message);
        error.put("request_id", RequestIds.of(ctx));
        ctx.status(status).json(Map.of("error", error));
    }

    static String code(int status, Problem problem) {
        if (problem != null) {
            switch (problem) {
                case MISSING_SCOPE:
                    return "missing_scope";
                case CHECKSUM_MISMATCH:
                    return "checksum_mismatch";
                case SIZE_MISMATCH:
                    return "size_mismatch";
                case BAD_SIGNATURE:
                    return "forbidden";
                case QUOTA_EXCEEDED:
                    return "quota_exceeded";
                default:
                    break;
            }
        }
        return switch (status) {
            case 400 -> "invalid_request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 416 -> "range_not_satisfiable";
            case 422 -> "unprocessable";
            case 429 -> "rate_limited";
            case 503 -> "unavailable";
            case 507 -> "insufficient_storage";
            default -> status >= 500 ? "internal" : "invalid_request";
        };
    }
}
