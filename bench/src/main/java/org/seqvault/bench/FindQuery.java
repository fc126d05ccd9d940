package org.seqvault.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One kind of find request, asked of SeqVault over HTTP and, as the floor, of its database
 * directly with the statements SeqVault itself runs for it (same shapes as store-sql's
 * NodeFilter, SqlNodeRepository and NodeDetails): the page, the total where the answer carries
 * one, the page's metadata and tags, and on v2 its files' header-reading statuses.
 */
record FindQuery(String name, String httpPath, List<Sql> statements) {

    /** The v2 API shows each file's header-reading status, which SeqVault reads for the page in one more statement. */
    boolean readsStatuses() {
        return httpPath.startsWith("/v2/");
    }

    /**
     * One statement and its arguments; "(?)" lists are expanded by the runner. A total that SeqVault
     * only counts when the page came back full has {@code ifPageHolds} set to the page size (0: always run).
     */
    record Sql(String text, List<Object> args, int ifPageHolds) {
        Sql(String text, List<Object> args) {
            this(text, args, 0);
        }
    }

    static final String COLUMNS = "n.id, n.project_id, n.parent_id, n.name, n.is_folder, n.node_key, n.blob_id,"
            + " n.size, n.md5, n.sha256, n.content_type, n.description, n.origin_task, n.created_at, n.modified_at";
    static final String LISTING_ORDER = " ORDER BY n.is_folder DESC, n.name, n.id";

    /**
     * A v2 listing by name or of a whole folder: WHERE conditions after "n.parent_id = ?", their
     * arguments, the page; the total is counted only when the page is full (a shorter one ends it).
     */
    static List<Sql> listing(String parentId, String conditions, List<Object> args, int limit, long offset) {
        List<Object> all = new ArrayList<>();
        all.add(parentId);
        all.addAll(args);
        String where = " FROM nodes n WHERE n.parent_id = ?" + conditions;
        return List.of(new Sql("SELECT " + COLUMNS + where + LISTING_ORDER + " LIMIT ? OFFSET ?", page(all, limit, offset)),
                new Sql("SELECT COUNT(*)" + where, all, limit));
    }

    /** A v2 listing with a metadata or tag filter: the page query counts every match too, as a window. */
    static List<Sql> filteredListing(String parentId, String conditions, List<Object> args, int limit, long offset) {
        List<Object> all = new ArrayList<>();
        all.add(parentId);
        all.addAll(args);
        return List.of(new Sql("SELECT " + COLUMNS + ", COUNT(*) OVER () AS total_matches FROM nodes n"
                + " WHERE n.parent_id = ?" + conditions + LISTING_ORDER + " LIMIT ? OFFSET ?", page(all, limit, offset)));
    }

    private static List<Object> page(List<Object> args, int limit, long offset) {
        List<Object> page = new ArrayList<>(args);
        page.add(limit);
        page.add(offset);
        return page;
    }

    /** A scroll page after (name, id) among files, one row more than the page to know if there is a next. */
    static List<Sql> scroll(String parentId, String afterName, String afterId, int limit) {
        String where = " FROM nodes n WHERE n.parent_id = ?";
        return List.of(new Sql("SELECT " + COLUMNS + where + " AND n.is_folder = 0 AND (n.name, n.id) > (?, ?)"
                        + LISTING_ORDER + " LIMIT ?", List.of(parentId, afterName, afterId, limit + 1)),
                new Sql("SELECT COUNT(*)" + where, List.of(parentId)));
    }

    /** The v1 listing: a key range within the project, one row more than the page. */
    static List<Sql> prefix(String projectId, String prefix, int limit) {
        String upper = prefix.substring(0, prefix.length() - 1) + (char) (prefix.charAt(prefix.length() - 1) + 1);
        return List.of(new Sql("SELECT " + COLUMNS + " FROM nodes n WHERE n.project_id = ? AND n.node_key >= ?"
                + " AND n.node_key < ? AND n.is_folder = 0 ORDER BY n.node_key LIMIT ?",
                List.of(projectId, prefix, upper, limit + 1)));
    }
}
