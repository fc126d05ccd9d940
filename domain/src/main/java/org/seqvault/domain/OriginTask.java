package org.seqvault.domain;

/**
 * The task a file came out of (the Seven Bridges {@code origin.task}): 1..255 UTF-8 bytes, no
 * control characters. It is indexed (the {@code origin.task} filter), and PostgreSQL refuses an
 * index entry over about 2.7 KB, so an unbounded one would only fail when the file is written.
 */
public record OriginTask(String value) {
    public static final int MAX_BYTES = 255;

    public OriginTask {
        Checks.required(value, "origin task", Problem.INVALID_REQUEST);
        int bytes = Checks.utf8Length(value);
        if (bytes > MAX_BYTES) {
            throw UserException.invalid("origin task is " + bytes + " bytes long; the limit is " + MAX_BYTES);
        }
        if (Checks.hasControlChar(value)) {
            throw UserException.invalid("origin task " + Checks.quote(value) + " must not contain control characters");
        }
    }

    /** Checks a task id a request may leave out: null stays null (no task). */
    public static String checkOptional(String value) {
        return value == null ? null : new OriginTask(value).value();
    }

    @Override
    public String toString() {
        return value;
    }
}
