package org.seqvault.store.sql;

import org.seqvault.domain.Node;

/**
 * A node and everything below it, as a condition on a table shaped like {@code nodes}. A folder's v1
 * key ("raw/") is the prefix of the keys of everything in it, so its subtree is a range on
 * (project_id, node_key), which the nodes_by_key index carries; a file is its own row.
 */
final class Subtree {
    private Subtree() {
    }

    /**
     * Appends the condition to {@code sql}, each column qualified by {@code alias} ("n." or "").
     *
     * @throws IllegalArgumentException for a project's root folder, whose subtree is the whole project
     */
    static SqlFragment where(SqlFragment sql, String alias, Node root) {
        if (root.isRoot()) {
            throw new IllegalArgumentException("the root folder of project " + root.projectId() + " is not a subtree");
        }
        if (!root.isFolder()) {
            return sql.sql(alias + "id = ").arg(root.id());
        }
        sql.sql(alias + "project_id = ").arg(root.projectId()).sql(" AND " + alias + "node_key >= ").arg(root.key());
        KeyRange.upperBound(root.key()).ifPresent(upper -> sql.sql(" AND " + alias + "node_key < ").arg(upper));
        return sql;
    }
}
