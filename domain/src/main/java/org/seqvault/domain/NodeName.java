package org.seqvault.domain;

/**
 * The name of a file or folder inside its parent folder: 1..255 characters, no '/', no '\',
 * no control characters, and neither "." nor "..". Folder names must not start with "__".
 */
public record NodeName(String value) {
    public static final int MAX_LENGTH = 255;

    public NodeName {
        Checks.required(value, "name", Problem.INVALID_NAME);
        if (value.length() > MAX_LENGTH) {
            throw new UserException(Problem.INVALID_NAME,
                    "name is " + value.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        if (value.indexOf('/') >= 0 || value.indexOf('\\') >= 0) {
            throw new UserException(Problem.INVALID_NAME,
                    "name " + Checks.quote(value) + " must not contain '/' or '\\'");
        }
        if (Checks.hasControlChar(value)) {
            throw new UserException(Problem.INVALID_NAME,
                    "name " + Checks.quote(value) + " must not contain control characters");
        }
        if (value.equals(".") || value.equals("..")) {
            throw new UserException(Problem.INVALID_NAME, "name must not be '.' or '..'");
        }
    }

    /** A folder name: a valid name that does not start with "__" (reserved by the platform). */
    public static NodeName folder(String value) {
        NodeName name = new NodeName(value);
        if (value.startsWith("__")) {
            throw new UserException(Problem.INVALID_NAME,
                    "folder name " + Checks.quote(value) + " must not start with '__'");
        }
        return name;
    }

    @Override
    public String toString() {
        return value;
    }
}
