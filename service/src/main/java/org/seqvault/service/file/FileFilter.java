package org.seqvault.service.file;

import java.util.List;
import java.util.Map;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.ListingOrder;
import org.seqvault.service.port.NodeQuery;

/**
 * Filters for a folder listing. Values of one kind are OR'd, kinds are AND'd. {@code names}
 * null means "any name"; an empty list matches nothing (the client sends a lone empty
 * {@code name=} for that). {@code nameContains} (null for none) keeps the names that contain it,
 * ignoring case: the web browser's filter box (a SeqVault extension; {@code names} stays exact).
 * {@code order} sorts an offset-paged listing (SeqVault's {@code order_by}; by name when null).
 */
public record FileFilter(List<String> names, Map<String, List<String>> metadata, List<String> tags,
                         Map<String, String> origin, String nameContains, ListingOrder order) {
    public static final FileFilter NONE = new FileFilter(null, Map.of(), List.of(), Map.of());
    /** Longest name-contains text: a name's own limit. */
    public static final int MAX_NAME_CONTAINS_CHARS = 255;

    public FileFilter {
        names = names == null ? null : List.copyOf(names);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        tags = tags == null ? List.of() : List.copyOf(tags);
        origin = origin == null ? Map.of() : Map.copyOf(origin);
        nameContains = nameContains == null || nameContains.isEmpty() ? null : nameContains;
        if (nameContains != null && nameContains.length() > MAX_NAME_CONTAINS_CHARS) {
            throw UserException.invalid("name_contains is longer than " + MAX_NAME_CONTAINS_CHARS + " characters");
        }
        order = order == null ? ListingOrder.BY_NAME : order;
    }

    /** In name order. */
    public FileFilter(List<String> names, Map<String, List<String>> metadata, List<String> tags,
                      Map<String, String> origin, String nameContains) {
        this(names, metadata, tags, origin, nameContains, ListingOrder.BY_NAME);
    }

    /** Without a name-contains filter. */
    public FileFilter(List<String> names, Map<String, List<String>> metadata, List<String> tags,
                      Map<String, String> origin) {
        this(names, metadata, tags, origin, null);
    }

    public boolean hasMetadata() {
        return !metadata.isEmpty();
    }

    NodeQuery in(String folderId) {
        return new NodeQuery(folderId, names, metadata, tags, origin, nameContains, order);
    }
}
