package org.seqvault.api.blob;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One satisfiable byte range of a resource, from a Range header: "bytes=a-b" (b clamped to
 * the end), "bytes=a-" and "bytes=-n" (the last n bytes).
 */
record ByteRange(long start, long length) {
    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    /** Thrown for a range that lies wholly past the end: answered 416. */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super("range not satisfiable", null, false, false);
        }
    }

    long end() {
        return start + length - 1;
    }

    /**
     * The range to serve, or empty to serve the whole resource: no header, several ranges, or a
     * header that is not a byte range (RFC 9110 lets a server ignore those).
     */
    static Optional<ByteRange> parse(String header, long size) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return Optional.empty();
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                long len = Math.min(suffix, size);
                return Optional.of(new ByteRange(size - len, len));
            }
            long start = Long.parseLong(m.group(1));
            if (start >= size) {
                throw new Unsatisfiable();
            }
            long end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
            if (end < start) {
                return Optional.empty();
            }
            return Optional.of(new ByteRange(start, end - start + 1));
        } catch (NumberFormatException e) {
            // Digits beyond a long: no real file is that large, so the range starts past the end.
            throw new Unsatisfiable();
        }
    }
}
