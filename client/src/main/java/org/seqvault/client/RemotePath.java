package org.seqvault.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Where something is on the server: a project id followed by a path,
 * {@code owner/slug[/folder/…][/name]}. The CLI's remote arguments use exactly this form.
 *
 * @param project  the project id, {@code owner/slug}
 * @param segments folder names and possibly a file name below the project's root (may be empty)
 */
public record RemotePath(String project, List<String> segments) {

    /** Keeps an unmodifiable copy of the segments. */
    public RemotePath {
        segments = List.copyOf(segments);
    }

    /**
     * Parses {@code owner/slug[/a/b…]}; a trailing {@code /} is ignored.
     *
     * @param text the text to parse
     * @return the path
     * @throws IllegalArgumentException when there is no {@code owner/slug}, or a segment is empty,
     *                                  {@code .} or {@code ..}
     */
    public static RemotePath parse(String text) {
        String t = text.strip();
        while (t.endsWith("/") && t.length() > 1) {
            t = t.substring(0, t.length() - 1);
        }
        String[] parts = t.split("/", -1);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not a remote location: expected owner/project[/path]");
        }
        List<String> segments = new ArrayList<>();
        for (int i = 2; i < parts.length; i++) {
            String s = parts[i];
            if (s.isEmpty() || s.equals(".") || s.equals("..")) {
                throw new IllegalArgumentException("'" + text + "' has an empty, '.' or '..' path segment");
            }
            segments.add(s);
        }
        return new RemotePath(parts[0] + "/" + parts[1], segments);
    }

    /** @return true when this names the project itself (its root folder) */
    public boolean isProjectRoot() {
        return segments.isEmpty();
    }

    /** @return the last segment (the project id for a project root) */
    public String name() {
        return segments.isEmpty() ? project : segments.get(segments.size() - 1);
    }

    /** @return the containing folder; a project root has none */
    public RemotePath parent() {
        if (segments.isEmpty()) {
            throw new IllegalStateException("a project's root has no parent");
        }
        return new RemotePath(project, segments.subList(0, segments.size() - 1));
    }

    /**
     * @return the path of {@code name} inside this folder
     *
     * @param name a file or folder name
     */
    public RemotePath child(String name) {
        List<String> s = new ArrayList<>(segments);
        s.add(name);
        return new RemotePath(project, s);
    }

    /** @return the path below the project root, as a {@code /v1} key: {@code raw/sample.vcf} */
    public String key() {
        return String.join("/", segments);
    }

    @Override
    public String toString() {
        return segments.isEmpty() ? project : project + "/" + key();
    }
}
