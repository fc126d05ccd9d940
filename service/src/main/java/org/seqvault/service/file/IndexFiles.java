package org.seqvault.service.file;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.seqvault.domain.IndexNames;
import org.seqvault.domain.Node;
import org.seqvault.service.port.MetadataStore.Tx;

/**
 * Finds the index files of data files ({@link IndexNames}): one lookup per folder on the
 * (parent, name) index, so a listing page costs one query more only when it shows indexable files.
 */
public final class IndexFiles {
    private static final int NAMES_PER_QUERY = 900;

    private IndexFiles() {
    }

    /** The located nodes with their index files attached, in the same order. */
    public static List<Located> attach(Tx tx, List<Located> located) {
        Map<String, List<Node>> indexes = of(tx, located.stream().map(Located::node).toList());
        if (indexes.isEmpty()) {
            return located;
        }
        return located.stream()
                .map(l -> indexes.containsKey(l.node().id()) ? l.withIndexFiles(indexes.get(l.node().id())) : l)
                .toList();
    }

    public static Located attach(Tx tx, Located located) {
        return attach(tx, List.of(located)).getFirst();
    }

    /** Data file id → its index files, most usual name first; files without an index are absent. */
    static Map<String, List<Node>> of(Tx tx, List<Node> nodes) {
        Map<String, List<Node>> byParent = new LinkedHashMap<>();
        for (Node n : nodes) {
            if (!n.isFolder() && n.parentId() != null && IndexNames.isIndexable(n.name())) {
                byParent.computeIfAbsent(n.parentId(), k -> new ArrayList<>()).add(n);
            }
        }
        Map<String, List<Node>> result = new HashMap<>();
        byParent.forEach((parentId, dataFiles) -> {
            Map<String, Node> found = new HashMap<>();
            for (List<String> names : chunks(candidateNames(dataFiles))) {
                tx.nodes().children(parentId, names).stream()
                        .filter(n -> !n.isFolder())
                        .forEach(n -> found.put(n.name(), n));
            }
            for (Node data : dataFiles) {
                List<Node> indexes = IndexNames.indexesOf(data.name()).stream()
                        .map(found::get).filter(Objects::nonNull).toList();
                if (!indexes.isEmpty()) {
                    result.put(data.id(), indexes);
                }
            }
        });
        return result;
    }

    private static Set<String> candidateNames(List<Node> dataFiles) {
        Set<String> names = new LinkedHashSet<>();
        dataFiles.forEach(d -> names.addAll(IndexNames.indexesOf(d.name())));
        return names;
    }

    private static List<List<String>> chunks(Set<String> names) {
        List<String> all = new ArrayList<>(names);
        List<List<String>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += NAMES_PER_QUERY) {
            chunks.add(all.subList(from, Math.min(all.size(), from + NAMES_PER_QUERY)));
        }
        return chunks;
    }
}
