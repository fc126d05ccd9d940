package org.seqvault.service.htsget;

import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;

/**
 * One genomic range of a request, in htsget's coordinates: {@code start} 0-based inclusive,
 * {@code end} 0-based exclusive, either absent for "from the beginning" / "to the end".
 * {@link #UNPLACED_NAME} ({@code *}) asks for the unplaced unmapped reads.
 */
public record Region(String referenceName, Long start, Long end) {
    public static final String UNPLACED_NAME = "*";
    /** htsget's coordinates are 32-bit unsigned integers. */
    public static final long MAX_COORDINATE = 0xFFFF_FFFFL;

    public Region {
        if (referenceName == null || referenceName.isEmpty()) {
            throw new UserException(Problem.INVALID_REQUEST, "referenceName is required with a region");
        }
        check("start", start);
        check("end", end);
        if (start != null && end != null && start > end) {
            throw new UserException(Problem.INVALID_RANGE,
                    "start (" + start + ") is greater than end (" + end + ")");
        }
        // The parameter, not isUnplaced(): a compact constructor runs before the fields are set.
        if (UNPLACED_NAME.equals(referenceName) && (start != null || end != null)) {
            throw new UserException(Problem.INVALID_REQUEST,
                    "the unplaced unmapped reads (referenceName=*) have no coordinates; leave out start and end");
        }
    }

    public static Region whole(String referenceName) {
        return new Region(referenceName, null, null);
    }

    public boolean isUnplaced() {
        return UNPLACED_NAME.equals(referenceName);
    }

    /** The first base asked for, 1-based inclusive (the convention of the index readers). */
    public long firstBase() {
        return start == null ? 1 : start + 1;
    }

    /** The last base asked for, 1-based inclusive; {@code Long.MAX_VALUE} for "to the end". */
    public long lastBase() {
        return end == null ? Long.MAX_VALUE : end;
    }

    private static void check(String name, Long value) {
        if (value != null && (value < 0 || value > MAX_COORDINATE)) {
            throw new UserException(Problem.INVALID_REQUEST,
                    name + " must be an unsigned 32-bit integer, got " + value);
        }
    }
}
