package org.seqvault.store.sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.seqvault.domain.Metadata;
import org.seqvault.domain.Node;
import org.seqvault.domain.Tags;

/**
 * A node's metadata and tags, which live in their own tables (indexed for filtering). Lists
 * load them for a whole page in one query, whatever the page size.
 */
final class NodeDetails {
    /** Ids per IN list: far below every database's parameter limit. */
    static final int CHUNK = 500;

    private final Handle handle;

    NodeDetails(Handle handle) {
        this.handle = handle;
    }

    /**
     * Writes the metadata and tags of a node just inserted or updated in this transaction. Each row
     * names the node's folder itself (the filters' indexes start with it), so the insert triggers,
     * there for rows an earlier version writes without it, do not run (V15).
     */
    void insert(Node node) {
        insertMetadata(node);
        insertTags(node);
    }

    /** Rewrites metadata and tags that differ from what is stored; unchanged ones cost one read. */
    void replace(Node node) {
        Details stored = load(List.of(node.id())).getOrDefault(node.id(), Details.NONE);
        if (!stored.metadata().equals(node.metadata().values())) {
            handle.createUpdate("DELETE FROM node_metadata WHERE node_id = :id").bind("id", node.id()).execute();
            insertMetadata(node);
        }
        if (!stored.tags().equals(node.tags().values())) {
            handle.createUpdate("DELETE FROM node_tags WHERE node_id = :id").bind("id", node.id()).execute();
            insertTags(node);
        }
    }

    /**
     * The nodes with their metadata and tags filled in, in the same order. Folders have neither
     * (a Node refuses them), so a folder costs no query: looking one up before listing it reads
     * one row.
     */
    List<Node> attach(List<Node> nodes) {
        List<String> files = nodes.stream().filter(node -> !node.isFolder()).map(Node::id).toList();
        if (files.isEmpty()) {
            return nodes;
        }
        Map<String, Details> details = load(files);
        List<Node> complete = new ArrayList<>(nodes.size());
        for (Node node : nodes) {
            Details d = details.getOrDefault(node.id(), Details.NONE);
            complete.add(node.withMetadata(new Metadata(d.metadata()), node.modifiedAt())
                    .withTags(new Tags(d.tags()), node.modifiedAt()));
        }
        return complete;
    }

    /**
     * One node with its metadata and tags, read in a single statement: a lookup by id (every
     * request on a file) needs no more. A folder has neither (Node refuses them), so it costs none.
     * Tags are put in their stored order here: an ORDER BY made SQLite sort every row in a temporary
     * b-tree first (a tenth of the statement's time; bench/FIXES.md, section 19).
     */
    Node attachTo(Node node) {
        if (node.isFolder()) {
            return node;
        }
        Details d = new Details();
        List<PositionedTag> tags = new ArrayList<>();
        handle.createQuery("""
                        SELECT 0 AS kind, meta_key AS item, meta_value AS value, 0 AS position
                        FROM node_metadata WHERE node_id = :id
                        UNION ALL
                        SELECT 1, tag, NULL, position FROM node_tags WHERE node_id = :id""")
                .bind("id", node.id())
                .map((rs, ctx) -> new DetailRow(null, rs.getInt("kind") == 1, Columns.text(rs, "item"),
                        Columns.text(rs, "value"), rs.getInt("position")))
                .forEach(row -> {
                    if (row.isTag()) {
                        tags.add(new PositionedTag(row.position(), row.text()));
                    } else {
                        d.metadata().put(row.text(), row.value());
                    }
                });
        tags.sort(java.util.Comparator.comparingInt(PositionedTag::position));
        tags.forEach(t -> d.tags().add(t.tag()));
        return node.withMetadata(new Metadata(d.metadata()), node.modifiedAt()).withTags(new Tags(d.tags()),
                node.modifiedAt());
    }

    /**
     * Metadata and tags of the nodes in one statement per chunk of ids (one round trip per page, not
     * two); tags are put in their stored order here, so the database sorts nothing.
     */
    private Map<String, Details> load(List<String> nodeIds) {
        Map<String, Details> details = new HashMap<>();
        for (int from = 0; from < nodeIds.size(); from += CHUNK) {
            List<String> chunk = nodeIds.subList(from, Math.min(nodeIds.size(), from + CHUNK));
            SqlFragment sql = new SqlFragment()
                    .sql("SELECT node_id, 0 AS kind, meta_key AS item, meta_value AS value, 0 AS position"
                            + " FROM node_metadata WHERE node_id IN ").argList(chunk)
                    .sql(" UNION ALL SELECT node_id, 1, tag, NULL, position FROM node_tags WHERE node_id IN ").argList(chunk);
            Map<String, List<PositionedTag>> tags = new HashMap<>();
            handle.createQuery(sql.text()).bindMap(sql.args())
                    .map((rs, ctx) -> new DetailRow(Columns.text(rs, "node_id"), rs.getInt("kind") == 1,
                            Columns.text(rs, "item"), Columns.text(rs, "value"), rs.getInt("position")))
                    .forEach(row -> {
                        if (row.isTag()) {
                            tags.computeIfAbsent(row.nodeId(), id -> new ArrayList<>())
                                    .add(new PositionedTag(row.position(), row.text()));
                        } else {
                            details.computeIfAbsent(row.nodeId(), id -> new Details()).metadata().put(row.text(), row.value());
                        }
                    });
            tags.forEach((nodeId, list) -> {
                list.sort(java.util.Comparator.comparingInt(PositionedTag::position));
                List<String> ordered = details.computeIfAbsent(nodeId, id -> new Details()).tags();
                list.forEach(t -> ordered.add(t.tag()));
            });
        }
        return details;
    }

    private void insertMetadata(Node node) {
        if (node.metadata().isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO node_metadata (node_id, meta_key, meta_value, parent_id)"
                + " VALUES (:nodeId, :key, :value, :parentId)");
        node.metadata().values().forEach((key, value) -> batch.bind("nodeId", node.id()).bind("key", key)
                .bind("value", value).bind("parentId", node.parentId()).add());
        batch.execute();
    }

    private void insertTags(Node node) {
        if (node.tags().isEmpty()) {
            return;
        }
        PreparedBatch batch = handle.prepareBatch("INSERT INTO node_tags (node_id, tag, position, parent_id)"
                + " VALUES (:nodeId, :tag, :position, :parentId)");
        List<String> values = node.tags().values();
        for (int i = 0; i < values.size(); i++) {
            batch.bind("nodeId", node.id()).bind("tag", values.get(i)).bind("position", i)
                    .bind("parentId", node.parentId()).add();
        }
        batch.execute();
    }

    /**
     * A row of {@link #load} or {@link #attachTo}: a tag with its position, or a metadata key with its
     * value, of the node {@code nodeId} (null when the query is for one node).
     */
    private record DetailRow(String nodeId, boolean isTag, String text, String value, int position) {
    }

    private record PositionedTag(int position, String tag) {
    }

    /** What the side tables hold for one node; tags in their stored order. */
    private record Details(Map<String, String> metadata, List<String> tags) {
        static final Details NONE = new Details(Map.of(), List.of());

        Details() {
            this(new TreeMap<>(), new ArrayList<>());
        }
    }
}
