package org.seqvault.client;

import java.util.Objects;

/**
 * A region of a reference as samtools and bcftools write it: {@code chr1} (the whole reference),
 * {@code chr1:1000} (from base 1000 to the end), {@code chr1:1000-2000} (bases 1000 to 2000, 1-based,
 * inclusive; commas allowed), or {@code *} (the unplaced unmapped reads). A reference name that itself
 * ends in {@code :digits} (HLA alleles) goes in braces, as samtools takes it: {@code {HLA-A*01:01}:1-100}.
 *
 * @param reference the reference name
 * @param first     the first base (1-based), or null for the reference's start
 * @param last      the last base (1-based, inclusive), or null for the reference's end
 */
public record GenomicRegion(String reference, Long first, Long last) {
    public GenomicRegion {
        Objects.requireNonNull(reference, "reference");
        if (reference.isEmpty()) {
            throw new IllegalArgumentException("region: the reference name is empty");
        }
        if (first != null && first < 1) {
            throw new IllegalArgumentException("region: the first base is 1, not " + first);
        }
        if (first != null && last != null && last < first) {
            throw new IllegalArgumentException("region: the end (" + last + ") is before the start (" + first + ")");
        }
    }

    /** Parses {@code chr1}, {@code chr1:1000}, {@code chr1:1,000-2,000}, {@code *} or {@code {name}:1-100}. */
    public static GenomicRegion parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.startsWith("{")) {
            int close = text.indexOf('}');
            if (close < 0) {
                throw new IllegalArgumentException("region '" + text + "': no closing brace after the reference name");
            }
            String rest = text.substring(close + 1);
            if (rest.isEmpty()) {
                return new GenomicRegion(text.substring(1, close), null, null);
            }
            if (!rest.startsWith(":")) {
                throw new IllegalArgumentException("region '" + text + "': expected ':' after the braces");
            }
            GenomicRegion bounds = parse("x" + rest);
            return new GenomicRegion(text.substring(1, close), bounds.first(), bounds.last());
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0 || !text.substring(colon + 1).matches("[0-9,]+(-[0-9,]*)?")) {
            return new GenomicRegion(text, null, null);
        }
        String reference = text.substring(0, colon);
        String[] bounds = text.substring(colon + 1).replace(",", "").split("-", -1);
        Long first = Long.parseLong(bounds[0]);
        Long last = bounds.length > 1 && !bounds[1].isEmpty() ? Long.parseLong(bounds[1]) : null;
        return new GenomicRegion(reference, first, last);
    }

    /** htsget's 0-based inclusive start, or null. */
    public Long start() {
        return first == null ? null : first - 1;
    }

    /** htsget's 0-based exclusive end, or null. */
    public Long end() {
        return last;
    }

    @Override
    public String toString() {
        if (first == null && last == null) {
            return reference;
        }
        return reference + ":" + (first == null ? 1 : first) + (last == null ? "" : "-" + last);
    }
}
