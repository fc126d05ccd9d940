package org.seqvault.service.file;

import java.util.List;
import java.util.Map;
import org.seqvault.service.port.NodeQuery;

/**
 * Filters for a folder listing. Values of one kind are OR'd, kinds are AND'd. {@code names}
 * null means "any name"; an empty list matches nothing (the client sends a lone empty
 * {@code name=} for that).
 */
public record FileFilter(List<String> names, Map<String, List<String>> metadata, List<String> tags,
                         Map<String, String> origin) {
    public static final FileFilter NONE = new FileFilter(null, Map.of(), List.of(), Map.of());

    public FileFilter {
        names = names == null ? null : List.copyOf(names);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        tags = tags == null ? List.of() : List.copyOf(tags);
        origin = origin == null ? Map.of() : Map.copyOf(origin);
    }

    public boolean hasMetadata() {
        return !metadata.isEmpty();
    }

    NodeQuery in(String folderId) {
        return new NodeQuery(folderId, names, metadata, tags, origin);
    }
}
