package org.seqvault.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The detail of an audit record, a small JSON object: old and new names, the keys that changed,
 * permissions. Lists and texts are cut short, so a record stays small whatever the request held
 * (a thousand tags or metadata keys): an audit trail says what happened, not every value.
 */
public final class AuditDetail {
    /** Items of a list kept; the rest are counted in a "+N more" entry. */
    public static final int MAX_ITEMS = 20;
    /** Characters of a text kept. */
    public static final int MAX_TEXT = 300;

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private AuditDetail() {
    }

    public static AuditDetail of() {
        return new AuditDetail();
    }

    public AuditDetail put(String key, String value) {
        if (value != null) {
            fields.put(key, clip(value));
        }
        return this;
    }

    public AuditDetail put(String key, boolean value) {
        fields.put(key, value);
        return this;
    }

    public AuditDetail put(String key, long value) {
        fields.put(key, value);
        return this;
    }

    public AuditDetail put(String key, List<String> values) {
        if (values != null) {
            List<String> kept = new ArrayList<>();
            for (int i = 0; i < values.size() && i < MAX_ITEMS; i++) {
                kept.add(clip(values.get(i)));
            }
            if (values.size() > MAX_ITEMS) {
                kept.add("+" + (values.size() - MAX_ITEMS) + " more");
            }
            fields.put(key, kept);
        }
        return this;
    }

    /** {@code "key": {"from": …, "to": …}}, when the two differ. */
    public AuditDetail change(String key, String from, String to) {
        if (!Objects.equals(from, to)) {
            fields.put(key, of().put("from", from).put("to", to));
        }
        return this;
    }

    public AuditDetail change(String key, boolean from, boolean to) {
        if (from != to) {
            fields.put(key, of().put("from", from).put("to", to));
        }
        return this;
    }

    public AuditDetail change(String key, List<String> from, List<String> to) {
        if (!Objects.equals(from, to)) {
            fields.put(key, of().put("from", from).put("to", to));
        }
        return this;
    }

    /** Adds every field of {@code other} (its value wins where both have a key). */
    public AuditDetail with(AuditDetail other) {
        if (other != null) {
            fields.putAll(other.fields);
        }
        return this;
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** The JSON text, or null when there is nothing to say. */
    public String json() {
        if (fields.isEmpty()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        write(out);
        return out.toString();
    }

    private void write(StringBuilder out) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (!first) {
                out.append(',');
            }
            first = false;
            string(out, field.getKey());
            out.append(':');
            value(out, field.getValue());
        }
        out.append('}');
    }

    private static void value(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(out, s);
            case Boolean b -> out.append(b);
            case Long n -> out.append(n);
            case AuditDetail d -> d.write(out);
            case List<?> list -> {
                out.append('[');
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    value(out, list.get(i));
                }
                out.append(']');
            }
            default -> throw new IllegalStateException("not a detail value: " + value.getClass());
        }
    }

    /** A JSON string literal (RFC 8259): quotes, backslashes and control characters escaped. */
    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static String clip(String s) {
        if (s == null || s.length() <= MAX_TEXT) {
            return s;
        }
        // Never cut a surrogate pair in two: the JSON would hold half a character.
        int end = Character.isHighSurrogate(s.charAt(MAX_TEXT - 1)) ? MAX_TEXT - 1 : MAX_TEXT;
        return s.substring(0, end) + "…";
    }
}
