package org.seqvault.domain;

/**
 * The most a project may hold, set by an administrator: bytes and files (folders are not
 * counted). A null limit is no limit.
 */
public record Quota(Long bytes, Long files) {
    public static final Quota NONE = new Quota(null, null);

    public Quota {
        if (bytes != null && bytes < 0) {
            throw UserException.invalid("quota bytes must be 0 or more, or null for no limit; got " + bytes);
        }
        if (files != null && files < 0) {
            throw UserException.invalid("quota files must be 0 or more, or null for no limit; got " + files);
        }
    }

    /** True when at least one of the two limits is set. */
    public boolean limits() {
        return bytes != null || files != null;
    }
}
