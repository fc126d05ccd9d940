package org.seqvault.store.sql;

import java.util.Optional;

/**
 * Keys that start with a prefix, as the half-open range [prefix, upperBound) so an index on the
 * key carries the lookup. Keys compare by UTF-8 bytes in the database, which is code point
 * order, so the bound is computed on code points: never by bumping a byte, which could yield
 * invalid UTF-8.
 */
final class KeyRange {
    private KeyRange() {
    }

    /**
     * The least string above every string that starts with {@code prefix}: the prefix with its
     * last code point incremented (dropping trailing U+10FFFF, which cannot be). Empty when no
     * bound exists (an empty prefix, or one made only of U+10FFFF): every key above the prefix matches.
     */
    static Optional<String> upperBound(String prefix) {
        int end = prefix.length();
        while (end > 0) {
            int last = prefix.codePointBefore(end);
            int start = end - Character.charCount(last);
            if (last < Character.MAX_CODE_POINT) {
                int next = last + 1;
                if (next >= Character.MIN_SURROGATE && next <= Character.MAX_SURROGATE) {
                    next = Character.MAX_SURROGATE + 1; // surrogates are not characters; no key holds one
                }
                return Optional.of(prefix.substring(0, start) + Character.toString(next));
            }
            end = start;
        }
        return Optional.empty();
    }
}
