package org.seqvault.domain;

import java.util.regex.Pattern;

/** A user name: lowercase letters, digits, '_' and '-', 2..39 characters, starting alphanumeric. */
public record Username(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{1,38}");

    public Username {
        Checks.required(value, "username", Problem.INVALID_REQUEST);
        if (!VALID.matcher(value).matches()) {
            throw UserException.invalid("username " + Checks.quote(value)
                    + " must match [a-z0-9][a-z0-9_-]{1,38}");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
