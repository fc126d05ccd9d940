package org.seqvault.domain;

import java.util.List;

/**
 * A v1 key: the folder path plus the file name, e.g. "raw/sample.vcf". UTF-8, 1..1024 bytes,
 * no leading '/', no empty, "." or ".." segments, no control characters, no '\'.
 */
public record FileKey(FolderPath folder, NodeName name) {
    public static final int MAX_BYTES = 1024;

    public FileKey {
        if (folder == null || name == null) {
            throw new UserException(Problem.INVALID_KEY, "key needs a folder and a name");
        }
        int bytes = Checks.utf8Length(folder.prefix()) + Checks.utf8Length(name.value());
        if (bytes > MAX_BYTES) {
            throw new UserException(Problem.INVALID_KEY,
                    "key is " + bytes + " bytes long; the limit is " + MAX_BYTES);
        }
    }

    public static FileKey parse(String key) {
        Checks.required(key, "key", Problem.INVALID_KEY);
        if (Checks.utf8Length(key) > MAX_BYTES) {
            throw new UserException(Problem.INVALID_KEY,
                    "key is longer than " + MAX_BYTES + " bytes");
        }
        if (key.startsWith("/")) {
            throw new UserException(Problem.INVALID_KEY, "key " + Checks.quote(key) + " must not start with '/'");
        }
        if (key.endsWith("/")) {
            throw new UserException(Problem.INVALID_KEY, "key " + Checks.quote(key) + " must end with a file name");
        }
        int slash = key.lastIndexOf('/');
        FolderPath folder = slash < 0 ? FolderPath.ROOT : FolderPath.parse(key.substring(0, slash + 1));
        String last = key.substring(slash + 1);
        NodeName name;
        try {
            name = new NodeName(last);
        } catch (UserException e) {
            throw new UserException(Problem.INVALID_KEY, "key " + Checks.quote(key) + ": " + e.getMessage());
        }
        return new FileKey(folder, name);
    }

    public static FileKey of(FolderPath folder, NodeName name) {
        return new FileKey(folder, name);
    }

    public List<NodeName> folders() {
        return folder.segments();
    }

    /** The key as text: "raw/sample.vcf". */
    public String value() {
        return folder.prefix() + name.value();
    }

    @Override
    public String toString() {
        return value();
    }
}
