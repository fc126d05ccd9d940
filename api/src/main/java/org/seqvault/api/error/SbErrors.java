package org.seqvault.api.error;

import io.javalin.http.Context;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqvault.domain.Problem;

/**
 * Seven Bridges errors: {status, code, message, more_info}, with the platform's numeric codes.
 * The client copies {@code status} over the HTTP status, so both always agree.
 */
public final class SbErrors implements ErrorDialect {
    public static final String MORE_INFO = "https://docs.sevenbridges.com/reference/api-status-codes";
    private static final Map<Problem, Integer> CODES = new EnumMap<>(Problem.class);
    /** Problems whose Seven Bridges status differs from the kind's default. */
    private static final Map<Problem, Integer> STATUS = new EnumMap<>(Problem.class);

    static {
        CODES.put(Problem.INVALID_REQUEST, 90000);
        CODES.put(Problem.INVALID_JSON, 90000);
        CODES.put(Problem.TOO_MANY_ITEMS, 90000);
        CODES.put(Problem.INVALID_TAGS, 90000);
        CODES.put(Problem.INVALID_NAME, 5024);
        CODES.put(Problem.INVALID_KEY, 5024);
        CODES.put(Problem.INVALID_METADATA, 5006);
        CODES.put(Problem.INVALID_PROJECT_ID, 5005);
        CODES.put(Problem.INVALID_ID, 5004);
        CODES.put(Problem.INVALID_CURSOR, 57001);
        CODES.put(Problem.PROJECT_AND_PARENT, 5031);
        CODES.put(Problem.NO_PROJECT_OR_PARENT, 5029);
        CODES.put(Problem.NOT_A_FOLDER, 5022);
        CODES.put(Problem.FOLDER_NOT_EMPTY, 5021);
        CODES.put(Problem.MOVE_ACROSS_PROJECTS, 5015);
        CODES.put(Problem.FOLDER_DOWNLOAD, 5017);
        CODES.put(Problem.FOLDER_COPY, 5018);
        CODES.put(Problem.FOLDER_MOVE, 5018);
        CODES.put(Problem.FOLDER_RENAME, 5023);
        CODES.put(Problem.FOLDER_METADATA, 5025);
        CODES.put(Problem.FOLDER_TAGS, 5027);
        CODES.put(Problem.INVALID_TYPE, 5012);
        CODES.put(Problem.BAD_PART_NUMBER, 8012);
        CODES.put(Problem.BAD_PART_REPORT, 8014);
        CODES.put(Problem.BAD_UPLOAD_INIT, 8013);
        CODES.put(Problem.UNAUTHORIZED, 90001);
        CODES.put(Problem.MISSING_SCOPE, 90002);
        CODES.put(Problem.FORBIDDEN, 5001);
        CODES.put(Problem.UPLOAD_FORBIDDEN, 8001);
        CODES.put(Problem.BAD_SIGNATURE, 90003);
        CODES.put(Problem.QUOTA_EXCEEDED, 90010); // SeqVault's own: the platform has no project quotas
        CODES.put(Problem.PROJECT_NOT_FOUND, 3002);
        CODES.put(Problem.FILE_NOT_FOUND, 5002);
        CODES.put(Problem.FOLDER_NOT_FOUND, 5026);
        CODES.put(Problem.UPLOAD_NOT_FOUND, 8003);
        CODES.put(Problem.USER_NOT_FOUND, 4002);
        CODES.put(Problem.TOKEN_NOT_FOUND, 90004);
        CODES.put(Problem.MEMBER_NOT_FOUND, 4002);
        CODES.put(Problem.ROUTE_NOT_FOUND, 90004);
        CODES.put(Problem.JOB_NOT_FOUND, 90004); // the platform documents no code of its own for it
        CODES.put(Problem.NAME_EXISTS, 5003);
        CODES.put(Problem.FOLDER_EXISTS, 5030);
        CODES.put(Problem.USER_EXISTS, 4009);
        CODES.put(Problem.MEMBER_EXISTS, 4009);
        CODES.put(Problem.PROJECT_NOT_EMPTY, 3009);
        CODES.put(Problem.LAST_ADMIN, 90000); // the platform has no code of its own for it
        CODES.put(Problem.UPLOAD_INCOMPLETE, 8007);
        CODES.put(Problem.UPLOAD_NOT_OPEN, 8007);
        CODES.put(Problem.SIZE_MISMATCH, 8007);
        CODES.put(Problem.CHECKSUM_MISMATCH, 8007);
        CODES.put(Problem.PAYLOAD_TOO_LARGE, 90000);
        CODES.put(Problem.UNSUPPORTED_MEDIA_TYPE, 90000);
        CODES.put(Problem.RATE_LIMITED, 1000);
        CODES.put(Problem.INSUFFICIENT_STORAGE, 90009);
        CODES.put(Problem.SERVICE_UNAVAILABLE, 5000);
        CODES.put(Problem.RANGE_NOT_SATISFIABLE, 90000);

        // Completion failures are conflicts on the platform, whatever the cause.
        STATUS.put(Problem.SIZE_MISMATCH, 409);
        STATUS.put(Problem.CHECKSUM_MISMATCH, 409);
    }

    @Override
    public void render(Context ctx, int status, Problem problem, String message) {
        Map<String, Object> body = body(status, problem, message);
        ctx.status((Integer) body.get("status")).json(body);
    }

    /** The error object itself; bulk answers carry one per failed item. */
    public static Map<String, Object> body(int status, Problem problem, String message) {
        int httpStatus = problem != null ? STATUS.getOrDefault(problem, status) : status;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", httpStatus);
        body.put("code", code(httpStatus, problem));
        body.put("message", message);
        body.put("more_info", MORE_INFO);
        return body;
    }

    static int code(int status, Problem problem) {
        if (problem != null && CODES.containsKey(problem)) {
            return CODES.get(problem);
        }
        return switch (status) {
            case 404 -> 90004;
            case 405 -> 90006;
            case 503 -> 5000; // never 0: the client treats 0 as maintenance and sleeps
            default -> status >= 500 ? 90009 : 90000;
        };
    }
}
