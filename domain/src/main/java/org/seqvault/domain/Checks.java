package org.seqvault.domain;

import java.nio.charset.StandardCharsets;

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

    static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
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
