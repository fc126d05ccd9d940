package org.seqvault.domain;

/** A project's quota and its usage, read together. */
public record ProjectStorage(Quota quota, Usage usage) {
    public static final ProjectStorage EMPTY = new ProjectStorage(Quota.NONE, Usage.NONE);
}
