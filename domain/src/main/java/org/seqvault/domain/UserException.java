package org.seqvault.domain;

/**
 * The caller's mistake (bad input, missing permission, conflict). Its message is shown to the
 * caller and should say how to fix the request. Anything else thrown is our bug and is
 * reported as an internal error without details.
 */
public final class UserException extends RuntimeException {
    private final Problem problem;

    public UserException(Problem problem, String message) {
        super(message, null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    public Kind kind() {
        return problem.kind();
    }

    public static UserException invalid(String message) {
        return new UserException(Problem.INVALID_REQUEST, message);
    }
}
