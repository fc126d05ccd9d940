package org.seqvault.domain;

/**
 * A member's rights in a project: read (list, get, download), write (upload, edit, rename,
 * move, delete), copy (copy files out), execute (run tasks; kept for the Seven Bridges shape),
 * admin (manage members and the project).
 */
public record Permissions(boolean read, boolean write, boolean copy, boolean execute, boolean admin) {
    public static final Permissions NONE = new Permissions(false, false, false, false, false);
    public static final Permissions ALL = new Permissions(true, true, true, true, true);
    public static final Permissions READ_COPY = new Permissions(true, false, true, false, false);
    public static final Permissions READ_ONLY = new Permissions(true, false, false, false, false);

    /** Write, copy and admin make no sense without read, so they imply it. */
    public Permissions {
        read = read || write || copy || admin || execute;
    }

    public boolean allows(Permission p) {
        return switch (p) {
            case READ -> read;
            case WRITE -> write;
            case COPY -> copy;
            case EXECUTE -> execute;
            case ADMIN -> admin;
        };
    }

    /** The rights of either: used to merge a membership with the public flag. */
    public Permissions union(Permissions o) {
        return new Permissions(read || o.read, write || o.write, copy || o.copy,
                execute || o.execute, admin || o.admin);
    }

    public enum Permission { READ, WRITE, COPY, EXECUTE, ADMIN }
}
