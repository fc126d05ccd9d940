package org.seqvault.domain;

/** Lowercase hex MD5 and SHA-256 of a file's bytes. */
public record Checksums(String md5, String sha256) {
    public Checksums {
        if (!Checks.isLowerHex(md5, 32)) {
            throw new IllegalArgumentException("md5 must be 32 lowercase hex digits: " + md5);
        }
        if (!Checks.isLowerHex(sha256, 64)) {
            throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits: " + sha256);
        }
    }

    /** Normalises a checksum a client sent (any case); null stays null. */
    public static String clientHex(String value, int length, String what) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String v = value.toLowerCase(java.util.Locale.ROOT);
        if (v.length() != length || !v.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw UserException.invalid(what + " must be " + length + " hex digits");
        }
        return v;
    }
}
