package org.seqvault.domain;

import java.util.regex.Pattern;

/** Lowercase hex MD5 and SHA-256 of a file's bytes. */
public record Checksums(String md5, String sha256) {
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public Checksums {
        if (md5 == null || !MD5.matcher(md5).matches()) {
            throw new IllegalArgumentException("md5 must be 32 lowercase hex digits: " + md5);
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
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
