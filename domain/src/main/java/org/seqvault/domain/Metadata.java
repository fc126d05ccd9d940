package org.seqvault.domain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file's key/value metadata (sample_id, library_id, …): at most 1000 pairs, keys 1..100
 * UTF-8 bytes, values at most 300 bytes, no control characters in keys and no NUL in values
 * (PostgreSQL text cannot hold one). Keys are kept sorted so answers are stable.
 */
public record Metadata(Map<String, String> values) {
    public static final int MAX_PAIRS = 1000;
    public static final int MAX_KEY_BYTES = 100;
    public static final int MAX_VALUE_BYTES = 300;
    public static final Metadata EMPTY = new Metadata(Map.of());

    public Metadata {
        if (values == null) {
            values = Map.of();
        }
        if (values.size() > MAX_PAIRS) {
            throw new UserException(Problem.INVALID_METADATA,
                    "metadata has " + values.size() + " keys; the limit is " + MAX_PAIRS);
        }
        TreeMap<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            String k = e.getKey();
            String v = e.getValue();
            if (k == null || k.isEmpty() || Checks.utf8Length(k) > MAX_KEY_BYTES || Checks.hasControlChar(k)) {
                throw new UserException(Problem.INVALID_METADATA, "metadata key "
                        + (k == null ? "null" : Checks.quote(k))
                        + " must be 1.." + MAX_KEY_BYTES + " bytes without control characters");
            }
            if (v == null) {
                throw new UserException(Problem.INVALID_METADATA, "metadata value of " + Checks.quote(k) + " is null");
            }
            if (Checks.utf8Length(v) > MAX_VALUE_BYTES) {
                throw new UserException(Problem.INVALID_METADATA, "metadata value of " + Checks.quote(k)
                        + " is longer than " + MAX_VALUE_BYTES + " bytes");
            }
            if (v.indexOf('\0') >= 0) {
                throw new UserException(Problem.INVALID_METADATA, "metadata value of " + Checks.quote(k)
                        + " must not contain a NUL character");
            }
            sorted.put(k, v);
        }
        values = Collections.unmodifiableMap(sorted);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /**
     * Merges a partial update: a null value removes the key, any other value sets it.
     */
    public Metadata patch(Map<String, String> changes) {
        TreeMap<String, String> merged = new TreeMap<>(values);
        changes.forEach((k, v) -> {
            if (v == null) {
                merged.remove(k);
            } else {
                merged.put(k, v);
            }
        });
        return new Metadata(merged);
    }
}
