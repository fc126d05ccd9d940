package org.seqvault.api.v2;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.api.error.SbErrors;
import org.seqvault.api.http.Times;
import org.seqvault.domain.Kind;
import org.seqvault.domain.Node;
import org.seqvault.domain.UserException;
import org.seqvault.service.extract.ExtractionStatus;
import org.seqvault.service.extract.ExtractionStatuses;
import org.seqvault.service.file.BulkResult;
import org.seqvault.service.file.Located;

/**
 * The Seven Bridges file shape. Every key of the platform's is always present (empty, never missing):
 * the client re-fetches a file whenever code reads a key that is absent. One key is SeqVault's own,
 * and only on files queued for header extraction: {@code extracted_metadata}, {status, keys}
 * (docs/genomics.md), a key the platform does not define.
 */
public final class SbFileViews {
    /** Where this server keeps bytes, in the platform's storage notation. */
    static final Map<String, Object> STORAGE = storage();

    private final Hrefs hrefs;
    private final ExtractionStatuses extraction;

    public SbFileViews(Hrefs hrefs, ExtractionStatuses extraction) {
        this.hrefs = hrefs;
        this.extraction = extraction;
    }

    Map<String, Object> file(Located located) {
        return files(List.of(located)).getFirst();
    }

    /** Where the statuses come from: readings that take them read them in their own transaction. */
    ExtractionStatuses statuses() {
        return extraction;
    }

    /** A file read with its status already in place ({@link #statuses()} given to the reading). */
    Map<String, Object> fileAsRead(Located located) {
        return file(located, located.extraction());
    }

    /** A page of files read with their statuses already in place: no query here. */
    List<Map<String, Object>> filesAsRead(List<Located> items) {
        return items.stream().map(this::fileAsRead).toList();
    }

    private Map<String, Object> file(Located located, ExtractionStatus status) {
        Node n = located.node();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("href", hrefs.of("/files/" + n.id()));
        m.put("id", n.id());
        m.put("name", n.name());
        m.put("size", n.isFolder() ? 0 : n.size());
        m.put("project", located.project().id());
        m.put("parent", n.parentId());
        m.put("type", n.type().wireName());
        m.put("created_on", Times.format(n.createdAt()));
        m.put("modified_on", Times.format(n.modifiedAt()));
        m.put("origin", n.originTask() == null ? Map.of() : Map.of("task", n.originTask()));
        m.put("storage", STORAGE);
        m.put("metadata", n.metadata().values());
        m.put("tags", n.tags().values());
        // The platform's key for a file's index files; sevenbridges-python reads it as file.secondary_files.
        m.put("_secondary_files", located.indexFiles().stream().map(i -> file(new Located(i, located.project()), null)).toList());
        // SeqVault's own: where a GA4GH DRS client resolves the file (folders are not DRS objects).
        m.put("drs_uri", n.isFolder() ? null : hrefs.drsUri(n.id()));
        if (status != null) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("status", status.status());
            e.put("keys", status.keys());
            m.put("extracted_metadata", e);
        }
        return m;
    }

    private static Map<String, Object> storage() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "PLATFORM");
        m.put("hosted_on_locations", List.of("local:default"));
        return Collections.unmodifiableMap(m);
    }

    /**
     * A page of files, with their extraction statuses looked up in one query. Only files whose names
     * are formats SeqVault reads are ever queued, so only they are asked for: an answer without one
     * (most answers) costs no query.
     */
    List<Map<String, Object>> files(List<Located> items) {
        Map<String, ExtractionStatus> statuses = extraction.of(ExtractionStatuses.askable(
                items.stream().map(Located::node).toList()));
        return items.stream().map(l -> file(l, statuses.get(l.node().id()))).toList();
    }

    /**
     * One entry of a bulk copy's answer (spec §12.2): {"status": "OK", "new_file_id", "new_file_name"},
     * or for a failure {"status": the error's kind as an HTTP reason (BAD_REQUEST, FORBIDDEN, NOT_FOUND, …),
     * "code", "message"}.
     */
    static Map<String, Object> copyOutcome(BulkResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (result.error() == null) {
            m.put("status", "OK");
            m.put("new_file_id", result.file().node().id());
            m.put("new_file_name", result.file().node().name());
            return m;
        }
        UserException e = result.error();
        m.put("status", e.kind() == Kind.INVALID ? "BAD_REQUEST" : e.kind().name());
        m.put("code", SbErrors.body(e.kind().httpStatus(), e.problem(), e.getMessage()).get("code"));
        m.put("message", e.getMessage());
        return m;
    }

    /** One item of a bulk answer: {"resource": file} or {"error": {status, code, message, more_info}}. */
    Map<String, Object> bulkItem(BulkResult result) {
        if (result.error() == null) {
            return Map.of("resource", file(result.file()));
        }
        UserException e = result.error();
        return Map.of("error", SbErrors.body(e.kind().httpStatus(), e.problem(), e.getMessage()));
    }
}
