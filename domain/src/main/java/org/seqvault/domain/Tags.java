package org.seqvault.domain;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** A file's tags: each 1..128 characters, no commas or control characters; duplicates dropped, order kept. */
public record Tags(List<String> values) {
    public static final int MAX_TAG_LENGTH = 128;
    public static final int MAX_TAGS = 1000;
    public static final Tags EMPTY = new Tags(List.of());

    public Tags {
        if (values == null) {
            values = List.of();
        }
        if (values.size() > MAX_TAGS) {
            throw new UserException(Problem.INVALID_TAGS, "a file has at most " + MAX_TAGS + " tags");
        }
        LinkedHashSet<String> unique = new LinkedHashSet<>();
        for (String t : values) {
            if (t == null || t.isEmpty() || t.length() > MAX_TAG_LENGTH) {
                throw new UserException(Problem.INVALID_TAGS,
                        "tag " + (t == null ? "null" : Checks.quote(t)) + " must be 1.." + MAX_TAG_LENGTH + " characters");
            }
            if (t.indexOf(',') >= 0 || Checks.hasControlChar(t)) {
                throw new UserException(Problem.INVALID_TAGS,
                        "tag " + Checks.quote(t) + " must not contain commas or control characters");
            }
            unique.add(t);
        }
        values = List.copyOf(new ArrayList<>(unique));
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }
}
