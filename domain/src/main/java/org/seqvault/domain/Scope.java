package org.seqvault.domain;

import java.util.Locale;

/** What a token may be used for. */
public enum Scope {
    FILES, PROJECTS, ADMIN;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Scope parse(String value) {
        if (value != null) {
            for (Scope s : values()) {
                if (s.wireName().equals(value)) {
                    return s;
                }
            }
        }
        throw UserException.invalid("unknown scope " + (value == null ? "null" : Checks.quote(value))
                + "; use files, projects or admin");
    }
}
