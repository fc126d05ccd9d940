package org.seqvault.api.v2;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.domain.Problem;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.UserException;
import org.seqvault.service.file.Container;
import org.seqvault.service.file.FileFilter;
import org.seqvault.service.port.ListingOrder;

/**
 * The parameters of a file listing: where ({@code project} or {@code parent}), the filters
 * ({@code name}, {@code metadata.<key>}, {@code tag}, {@code origin.<key>}), the order and the page size.
 * {@code fields} is accepted and ignored: answers always carry whole files.
 */
final class FileQuery {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;
    private static final String METADATA = "metadata.";
    private static final String ORIGIN = "origin.";

    private FileQuery() {
    }

    /** The folder named by exactly one of {@code project} and {@code parent}. */
    static Container container(QueryString q) {
        String project = q.last("project");
        String parent = q.last("parent");
        boolean dataset = q.has("dataset");
        int given = (project != null ? 1 : 0) + (parent != null ? 1 : 0) + (dataset ? 1 : 0);
        if (given > 1) {
            throw new UserException(Problem.PROJECT_AND_PARENT, "give only one of 'project', 'parent' and 'dataset'");
        }
        if (dataset) {
            throw UserException.invalid("datasets are not supported by this server; list by 'project' or 'parent'");
        }
        if (given == 0) {
            throw new UserException(Problem.NO_PROJECT_OR_PARENT, "give 'project' (owner/name) or 'parent' (a folder id)");
        }
        return project != null ? new Container.ProjectRoot(ProjectRef.parse(project)) : new Container.Folder(parent);
    }

    static FileFilter filter(QueryString q) {
        List<String> names = q.has("name") ? q.all("name") : null;
        Map<String, List<String>> metadata = new LinkedHashMap<>();
        Map<String, String> origin = new LinkedHashMap<>();
        for (Map.Entry<String, String> p : q.pairs()) {
            if (p.getKey().startsWith(METADATA)) {
                metadata.computeIfAbsent(field(p.getKey(), METADATA), k -> new ArrayList<>()).add(p.getValue());
            } else if (p.getKey().startsWith(ORIGIN)) {
                origin.put(field(p.getKey(), ORIGIN), p.getValue());
            }
        }
        return new FileFilter(names, metadata, q.all("tag"), origin, q.last("name_contains"), order(q));
    }

    /**
     * SeqVault's {@code order_by} ({@code name}, {@code size}, {@code created_on}, {@code modified_on})
     * and {@code direction} ({@code asc}, {@code desc}); by name, ascending, when absent.
     */
    static ListingOrder order(QueryString q) {
        String by = q.last("order_by");
        String direction = q.last("direction");
        ListingOrder.Key key = switch (by == null || by.isEmpty() ? "name" : by) {
            case "name" -> ListingOrder.Key.NAME;
            case "size" -> ListingOrder.Key.SIZE;
            case "created_on" -> ListingOrder.Key.CREATED;
            case "modified_on" -> ListingOrder.Key.MODIFIED;
            default -> throw UserException.invalid(
                    "'order_by' must be one of name, size, created_on, modified_on (was '" + by + "')");
        };
        boolean descending = switch (direction == null || direction.isEmpty() ? "asc" : direction) {
            case "asc" -> false;
            case "desc" -> true;
            default -> throw UserException.invalid("'direction' must be asc or desc (was '" + direction + "')");
        };
        return new ListingOrder(key, descending);
    }

    /** Page size: 50 when absent or not positive, at most 100 (larger asks are clamped, not refused). */
    static int limit(QueryString q) {
        String v = q.last("limit");
        if (v == null || v.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        int n = integer(v, "limit");
        return n <= 0 ? DEFAULT_LIMIT : Math.min(n, MAX_LIMIT);
    }

    static long offset(QueryString q) {
        String v = q.last("offset");
        if (v == null || v.isEmpty()) {
            return 0;
        }
        int n = integer(v, "offset");
        if (n < 0) {
            throw UserException.invalid("'offset' must not be negative");
        }
        return n;
    }

    private static String field(String key, String prefix) {
        String name = key.substring(prefix.length());
        if (name.isEmpty()) {
            throw UserException.invalid("'" + key + "' needs a field name after the dot");
        }
        return name;
    }

    private static int integer(String value, String name) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw UserException.invalid("'" + name + "' must be an integer");
        }
    }
}
