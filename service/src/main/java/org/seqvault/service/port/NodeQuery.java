package org.seqvault.service.port;

import java.util.List;
import java.util.Map;

/**
 * A filtered listing of the direct children of one folder. Within one kind of filter values
 * are OR'd; different kinds, and different metadata keys, are AND'd. A null list means "no
 * filter"; an empty {@code names} list matches nothing. {@code nameContains} (null for none) keeps
 * the names that contain it, ignoring case (SeqVault's extension; {@code names} stays exact).
 * Order: folders first, then {@code order}'s key (by default the name), then name and id.
 */
public record NodeQuery(String parentId, List<String> names, Map<String, List<String>> metadata,
                        List<String> tags, Map<String, String> origin, String nameContains, ListingOrder order) {

    public NodeQuery {
        names = names == null ? null : List.copyOf(names);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        tags = tags == null ? List.of() : List.copyOf(tags);
        origin = origin == null ? Map.of() : Map.copyOf(origin);
        nameContains = nameContains == null || nameContains.isEmpty() ? null : nameContains;
        order = order == null ? ListingOrder.BY_NAME : order;
    }

    /** In name order. */
    public NodeQuery(String parentId, List<String> names, Map<String, List<String>> metadata,
                     List<String> tags, Map<String, String> origin, String nameContains) {
        this(parentId, names, metadata, tags, origin, nameContains, ListingOrder.BY_NAME);
    }

    /** Without a name-contains filter. */
    public NodeQuery(String parentId, List<String> names, Map<String, List<String>> metadata,
                     List<String> tags, Map<String, String> origin) {
        this(parentId, names, metadata, tags, origin, null);
    }

    public static NodeQuery children(String parentId) {
        return new NodeQuery(parentId, null, Map.of(), List.of(), Map.of());
    }
}
