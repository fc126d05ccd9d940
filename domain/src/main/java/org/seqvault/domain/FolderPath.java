package org.seqvault.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * A folder inside a project, as a list of folder names from the root; the v1 "path" form
 * field ("raw/" or "raw/sub"). The root is the empty path.
 */
public record FolderPath(List<NodeName> segments) {
    public static final FolderPath ROOT = new FolderPath(List.of());

    public FolderPath {
        segments = List.copyOf(segments);
    }

    /** Parses "raw/sub/" or "raw/sub"; null, "" and "/" mean the root. */
    public static FolderPath parse(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return ROOT;
        }
        if (path.startsWith("/")) {
            throw new UserException(Problem.INVALID_KEY,
                    "path " + Checks.quote(path) + " must not start with '/'");
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        List<NodeName> names = new ArrayList<>();
        for (String part : trimmed.split("/", -1)) {
            if (part.isEmpty()) {
                throw new UserException(Problem.INVALID_KEY,
                        "path " + Checks.quote(path) + " has an empty segment");
            }
            names.add(asFolderName(part, path));
        }
        FolderPath result = new FolderPath(names);
        if (Checks.utf8Length(result.prefix()) > FileKey.MAX_BYTES) {
            throw new UserException(Problem.INVALID_KEY, "path is longer than " + FileKey.MAX_BYTES + " bytes");
        }
        return result;
    }

    static NodeName asFolderName(String part, String whole) {
        try {
            return NodeName.folder(part);
        } catch (UserException e) {
            throw new UserException(Problem.INVALID_KEY,
                    "path " + Checks.quote(whole) + ": " + e.getMessage());
        }
    }

    public boolean isRoot() {
        return segments.isEmpty();
    }

    public FolderPath child(NodeName name) {
        List<NodeName> names = new ArrayList<>(segments);
        names.add(name);
        return new FolderPath(names);
    }

    /** The v1 key prefix of everything inside this folder: "" for the root, else "raw/sub/". */
    public String prefix() {
        StringBuilder b = new StringBuilder();
        for (NodeName n : segments) {
            b.append(n.value()).append('/');
        }
        return b.toString();
    }

    @Override
    public String toString() {
        return prefix();
    }
}
