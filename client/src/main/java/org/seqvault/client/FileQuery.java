package org.seqvault.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link FileTree#query(FileQuery)} looks for: the direct children of a project's root or
 * of a folder, filtered by name, metadata, tag and origin. Values of one kind are OR'ed
 * ({@code tag("a").tag("b")}: either tag), different kinds AND'ed. Immutable.
 */
public final class FileQuery {
    private final String project;
    private final String parent;
    private final List<String> names;
    private final Map<String, List<String>> metadata;
    private final List<String> tags;
    private final String originTask;

    private FileQuery(String project, String parent, List<String> names, Map<String, List<String>> metadata,
                      List<String> tags, String originTask) {
        this.project = project;
        this.parent = parent;
        this.names = names;
        this.metadata = metadata;
        this.tags = tags;
        this.originTask = originTask;
    }

    /** @return a query over the top of project {@code owner/slug}
     *
     * @param projectId the project, {@code owner/slug}
     */
    public static FileQuery inProject(String projectId) {
        return new FileQuery(Objects.requireNonNull(projectId), null, null, Map.of(), List.of(), null);
    }

    /**
     * @return a query over the direct children of a folder
     *
     * @param folderId the folder
     */
    public static FileQuery inFolder(String folderId) {
        return new FileQuery(null, Objects.requireNonNull(folderId), null, Map.of(), List.of(), null);
    }

    /**
     * @return this query also matching files named exactly {@code name}
     *
     * @param name an exact file or folder name
     */
    public FileQuery name(String name) {
        List<String> n = names == null ? new ArrayList<>() : new ArrayList<>(names);
        n.add(name);
        return new FileQuery(project, parent, List.copyOf(n), metadata, tags, originTask);
    }

    /**
     * @return this query also requiring metadata {@code key} to be {@code value} (or another value given for it)
     *
     * @param key   a metadata key, e.g. {@code sample_id}
     * @param value the value it must have
     */
    public FileQuery metadata(String key, String value) {
        Map<String, List<String>> m = new LinkedHashMap<>(metadata);
        List<String> values = new ArrayList<>(m.getOrDefault(key, List.of()));
        values.add(value);
        m.put(key, List.copyOf(values));
        return new FileQuery(project, parent, names, Map.copyOf(m), tags, originTask);
    }

    /**
     * @return this query also matching files carrying {@code tag}
     *
     * @param tag a tag the file must carry
     */
    public FileQuery tag(String tag) {
        List<String> t = new ArrayList<>(tags);
        t.add(tag);
        return new FileQuery(project, parent, names, metadata, List.copyOf(t), originTask);
    }

    /**
     * @return this query restricted to outputs of the given task
     *
     * @param taskId the task that produced the files
     */
    public FileQuery originTask(String taskId) {
        return new FileQuery(project, parent, names, metadata, tags, taskId);
    }

    String project() {
        return project;
    }

    String parent() {
        return parent;
    }

    List<String> names() {
        return names;
    }

    Map<String, List<String>> metadata() {
        return metadata;
    }

    List<String> tags() {
        return tags;
    }

    String originTask() {
        return originTask;
    }
}
