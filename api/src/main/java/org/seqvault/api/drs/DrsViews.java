package org.seqvault.api.drs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.api.http.Times;
import org.seqvault.domain.Node;
import org.seqvault.domain.UserException;
import org.seqvault.service.file.Located;
import org.seqvault.service.htsget.HtsgetLinks;

/** The DRS 1.5 shapes: DrsObject, AccessURL, Authorizations and the bulk answers' parts. */
final class DrsViews {
    /** The access method every file has: a presigned https URL, handed out at /access/https just in time. */
    static final String HTTPS = "https";
    /** The access method of an indexed BAM, CRAM, VCF or BCF file: its htsget endpoint (DRS 1.5 AccessMethod type). */
    static final String HTSGET = "htsget";

    private final DrsUris uris;
    private final String publicUrl;

    DrsViews(DrsUris uris, String publicUrl) {
        this.uris = uris;
        this.publicUrl = publicUrl;
    }

    /** A file as a DRS object; its aliases are its v1 name ({workspace id}/{key}) and v2 path ({owner}/{project}/{path}). */
    Map<String, Object> object(Located located) {
        Node n = located.node();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", n.id());
        m.put("name", n.name());
        m.put("self_uri", uris.of(n.id()));
        m.put("size", n.size());
        m.put("created_time", Times.format(n.createdAt()));
        m.put("updated_time", Times.format(n.modifiedAt()));
        m.put("mime_type", n.contentType());
        m.put("checksums", List.of(checksum(n.checksums().md5(), "md5"), checksum(n.checksums().sha256(), "sha-256")));
        m.put("access_methods", accessMethods(located));
        if (n.description() != null && !n.description().isEmpty()) {
            m.put("description", n.description());
        }
        m.put("aliases", List.of(n.projectId() + "/" + n.key(), located.project().id() + "/" + n.key()));
        return m;
    }

    private static Map<String, Object> checksum(String hex, String type) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("checksum", hex);
        m.put("type", type);
        return m;
    }

    private List<Map<String, Object>> accessMethods(Located located) {
        List<Map<String, Object>> methods = new ArrayList<>(2);
        methods.add(httpsAccess());
        HtsgetLinks.urlOf(located.node(), located.indexFiles(), publicUrl).ifPresent(url -> methods.add(htsgetAccess(url)));
        return methods;
    }

    private static Map<String, Object> httpsAccess() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", HTTPS);
        m.put("access_id", HTTPS);
        m.put("available", true);
        return m;
    }

    /**
     * The htsget endpoint as the access URL itself (no access id: nothing to sign just in time). It
     * takes the same bearer token as DRS, or none for a file of a public project.
     */
    private static Map<String, Object> htsgetAccess(String url) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", HTSGET);
        m.put("access_url", accessUrl(url));
        m.put("available", true);
        return m;
    }

    /**
     * How to authorise calls about an object: a bearer token always works; no token at all only for
     * files of public projects. {@code objectId} is the id as the caller sent it.
     */
    Map<String, Object> authorizations(String objectId, boolean open, String issuer) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("drs_object_id", objectId);
        m.put("supported_types", open ? List.of("None", "BearerAuth") : List.of("BearerAuth"));
        m.put("passport_auth_issuers", List.of());
        m.put("bearer_auth_issuers", List.of(issuer));
        return m;
    }

    /** A presigned URL; it needs no header (its signature is the credential). */
    static Map<String, Object> accessUrl(String url) {
        return Map.of("url", url);
    }

    /** A URL of a bulk answer, with the object and access id it is for. */
    static Map<String, Object> bulkAccessUrl(String url, String objectId, String accessId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("url", url);
        m.put("drs_object_id", objectId);
        m.put("drs_access_id", accessId);
        return m;
    }

    /** Ids that did not resolve, grouped by the HTTP status each would have been answered alone. */
    static final class Unresolved {
        private final Map<Integer, List<String>> byStatus = new LinkedHashMap<>();
        private int count;

        void add(String objectId, UserException why) {
            byStatus.computeIfAbsent(why.kind().httpStatus(), s -> new ArrayList<>()).add(objectId);
            count++;
        }

        int count() {
            return count;
        }

        List<Map<String, Object>> view() {
            List<Map<String, Object>> groups = new ArrayList<>();
            byStatus.forEach((status, ids) -> {
                Map<String, Object> g = new LinkedHashMap<>();
                g.put("error_code", status);
                g.put("object_ids", ids);
                groups.add(g);
            });
            return groups;
        }
    }

    static Map<String, Object> summary(int requested, int resolved, int unresolved) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("requested", requested);
        m.put("resolved", resolved);
        m.put("unresolved", unresolved);
        return m;
    }
}
