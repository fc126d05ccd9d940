package org.seqvault.api.error;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqvault.domain.Kind;
import org.seqvault.domain.Problem;

/**
 * GA4GH htsget errors: {@code {"htsget": {"error", "message"}}} with the protocol's error names and
 * statuses (htslib and htsjdk read a body that starts with {@code {"htsget":}).
 */
public final class HtsgetErrors implements ErrorDialect {
    /** Every htsget path starts so. */
    public static final String PREFIX = "/ga4gh/htsget/";
    public static final String CONTENT_TYPE = "application/vnd.ga4gh.htsget.v1.3.0+json";

    @Override
    public void render(Context ctx, int status, Problem problem, String message) {
        int httpStatus = status(status, problem);
        ctx.status(httpStatus).json(body(httpStatus, problem, message));
        ctx.contentType(CONTENT_TYPE);
    }

    public static Map<String, Object> body(int status, Problem problem, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", name(status, problem));
        error.put("message", message);
        return Map.of("htsget", error);
    }

    /** The protocol's status: 400 for every invalid request (a missing scope is a 403 already). */
    static int status(int status, Problem problem) {
        return problem != null && problem.kind() == Kind.INVALID ? 400 : status;
    }

    static String name(int status, Problem problem) {
        if (problem == Problem.UNSUPPORTED_FORMAT) {
            return "UnsupportedFormat";
        }
        if (problem == Problem.INVALID_RANGE) {
            return "InvalidRange";
        }
        return switch (status) {
            case 400 -> "InvalidInput";
            case 401 -> "InvalidAuthentication";
            case 403 -> "PermissionDenied";
            case 404 -> "NotFound";
            case 429 -> "TooManyRequests";
            default -> status >= 500 ? "InternalError" : "InvalidInput";
        };
    }
}
