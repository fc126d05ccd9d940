package org.seqvault.domain;

/** Small argument checks shared by the value types; each failure names the bad argument. */
final class Checks {
    private Checks() {
    }

    static String required(String value, String what, Problem problem) {
        if (value == null || value.isEmpty()) {
            throw new UserException(problem, what + " is required");
        }
        return value;
    }

    /**
     * The length of {@code s} in UTF-8, as {@code s.getBytes(UTF_8).length} counts it (an unpaired
     * surrogate becomes '?', one byte), without making the bytes: every metadata key and value read
     * from the database is checked again when it becomes a value object.
     */
    static int utf8Length(String s) {
        int bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Whether {@code s} has exactly {@code length} characters, each a lowercase hex digit. */
    static boolean isLowerHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    static boolean hasControlChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** Printable form of user input for error messages: quoted, shortened, controls escaped. */
    static String quote(String s) {
        String shown = s.length() > 80 ? s.substring(0, 80) + "…" : s;
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('\'').toString();
    }
}
