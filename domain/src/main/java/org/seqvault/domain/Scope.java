package org.seqvault.domain;

import java.util.Locale;

/**
 * What a token may be used for: {@code files} (file calls), {@code projects} (creating and changing
 * projects and members), {@code tokens} (listing, issuing and revoking the user's own tokens) and
 * {@code admin} (administration; implies the others). Token management has a scope of its own so
 * that a token handed to a pipeline for its files cannot see or revoke its user's other tokens.
 */
public enum Scope {
    FILES, PROJECTS, TOKENS, ADMIN;

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
                + "; use files, projects, tokens or admin");
    }
}
