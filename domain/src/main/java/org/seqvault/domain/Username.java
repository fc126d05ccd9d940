package org.seqvault.domain;

/** A user name: lowercase letters, digits, '_' and '-', 2..39 characters, starting alphanumeric. */
public record Username(String value) {
    public Username {
        Checks.required(value, "username", Problem.INVALID_REQUEST);
        if (!valid(value)) {
            throw UserException.invalid("username " + Checks.quote(value)
                    + " must match [a-z0-9][a-z0-9_-]{1,38}");
        }
    }

    /** [a-z0-9][a-z0-9_-]{1,38}, checked without a regex: every authenticated request makes one. */
    private static boolean valid(String value) {
        if (value.length() < 2 || value.length() > 39) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
            if (!alphanumeric && (i == 0 || c != '_' && c != '-')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return value;
    }
}
