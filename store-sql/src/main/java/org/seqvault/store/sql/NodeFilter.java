package org.seqvault.store.sql;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqvault.service.port.NodeQuery;

/**
 * The conditions of a {@link NodeQuery} on nodes aliased {@code n}: direct children of the
 * parent, then each filter kind AND'ed, values of one kind (or of one metadata key) OR'ed.
 * Metadata and tags are EXISTS probes that name the folder too, so the folder's own range of the
 * (folder, key, value, node) and (folder, tag, node) indexes serves them (db/…/V14).
 */
final class NodeFilter {
    /** The one origin key nodes carry: the task that produced the file. */
    static final String ORIGIN_TASK = "task";

    private NodeFilter() {
    }

    /**
     * Appends the conditions to {@code sql} (which must end in WHERE), or returns false without
     * appending when the query can match nothing: an empty names list, a metadata key with no
     * values, an origin key other than "task", or no parent (the root is nobody's child).
     */
    static boolean appendConditions(NodeQuery query, SqlFragment sql) {
        if (!canMatch(query)) {
            return false;
        }
        sql.sql("n.parent_id = ").arg(query.parentId());
        if (query.names() != null) {
            sql.sql(" AND n.name IN ").argList(query.names());
        }
        for (Map.Entry<String, List<String>> entry : query.metadata().entrySet()) {
            sql.sql(" AND EXISTS (SELECT 1 FROM node_metadata md WHERE md.parent_id = ").arg(query.parentId())
                    .sql(" AND md.node_id = n.id AND md.meta_key = ").arg(entry.getKey())
                    .sql(" AND md.meta_value IN ").argList(entry.getValue())
                    .sql(")");
        }
        if (!query.tags().isEmpty()) {
            sql.sql(" AND EXISTS (SELECT 1 FROM node_tags t WHERE t.parent_id = ").arg(query.parentId())
                    .sql(" AND t.node_id = n.id AND t.tag IN ").argList(query.tags())
                    .sql(")");
        }
        if (query.nameContains() != null) {
            // Both sides lowered: case-insensitive on PostgreSQL for every script, on SQLite (whose
            // lower() knows only ASCII) for ASCII letters. Scans only the parent's children.
            sql.sql(" AND lower(n.name) LIKE ").arg(containsPattern(query.nameContains())).sql(" ESCAPE '\\'");
        }
        String task = query.origin().get(ORIGIN_TASK);
        if (task != null) {
            sql.sql(" AND n.origin_task = ").arg(task);
        }
        return true;
    }

    /** A LIKE pattern matching names that contain the text, with its own %, _ and backslash taken literally. */
    static String containsPattern(String text) {
        String lowered = text.toLowerCase(Locale.ROOT);
        StringBuilder pattern = new StringBuilder(lowered.length() + 2).append('%');
        for (int i = 0; i < lowered.length(); i++) {
            char c = lowered.charAt(i);
            if (c == '%' || c == '_' || c == '\\') {
                pattern.append('\\');
            }
            pattern.append(c);
        }
        return pattern.append('%').toString();
    }

    private static boolean canMatch(NodeQuery query) {
        if (query.parentId() == null) {
            return false;
        }
        if (query.names() != null && query.names().isEmpty()) {
            return false;
        }
        if (query.metadata().values().stream().anyMatch(List::isEmpty)) {
            return false;
        }
        return query.origin().keySet().stream().allMatch(ORIGIN_TASK::equals);
    }
}
