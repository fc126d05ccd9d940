package org.seqvault.api.drs;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.api.RouteTable;
import org.seqvault.api.RouteTable.Guard;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Json;
import org.seqvault.api.http.Params;
import org.seqvault.api.http.RequestIds;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.Origin;
import org.seqvault.service.file.BulkResult;
import org.seqvault.service.file.DrsCaller;
import org.seqvault.service.file.DrsService;
import org.seqvault.service.file.DrsService.LinkResult;
import org.seqvault.service.port.StorageRepository.Totals;

/**
 * GA4GH DRS 1.5 at /ga4gh/drs/v1 (see shared/spec/ga4gh-drs.md and docs/api-drs.md): files by id
 * or by DRS URI, one at a time or in bulk, their presigned https URLs, how to authorise, and the
 * service's description. Without a token only files of public projects resolve.
 */
public final class DrsRoutes {
    public static final String BASE = "/ga4gh/drs/v1";
    private static final String OBJECT = BASE + "/objects/{object_id}";

    private final DrsService drs;
    private final Auth auth;
    private final String publicUrl;
    private final DrsUris uris;
    private final DrsViews views;

    public DrsRoutes(DrsService drs, Auth auth, String publicUrl) {
        this.drs = drs;
        this.auth = auth;
        this.publicUrl = publicUrl;
        this.uris = new DrsUris(publicUrl);
        this.views = new DrsViews(uris, publicUrl);
    }

    public void register(RouteTable routes) {
        Guard open = Guard.TOKEN_OR_PUBLIC_PROJECTS;
        routes.add(HandlerType.GET, BASE + "/service-info", Guard.PUBLIC, this::serviceInfo)
                .add(HandlerType.POST, BASE + "/objects/access", open, this::bulkAccess)
                .add(HandlerType.POST, BASE + "/objects", open, this::bulkObjects)
                .add(HandlerType.OPTIONS, BASE + "/objects", open, this::bulkAuthorizations)
                .add(HandlerType.GET, OBJECT, open, this::object)
                .add(HandlerType.POST, OBJECT, open, this::postObject)
                .add(HandlerType.OPTIONS, OBJECT, open, this::authorizations)
                .add(HandlerType.GET, OBJECT + "/access/{access_id}", open, this::access)
                .add(HandlerType.POST, OBJECT + "/access/{access_id}", open, this::postAccess);
    }

    private DrsCaller caller(Context ctx) {
        return auth.principalIfSent(ctx).map(DrsCaller::of)
                .orElseGet(() -> DrsCaller.anonymous(new Origin(RequestIds.of(ctx), ctx.ip())));
    }

    private void object(Context ctx) {
        DrsCaller caller = caller(ctx);
        expand(ctx);
        ctx.json(views.object(drs.object(caller, uris.fileId(ctx.pathParam("object_id")))));
    }

    /** DRS 1.2's POST form of GET /objects/{id}, made for passports in the body; answered as the GET. */
    private void postObject(Context ctx) {
        DrsCaller caller = caller(ctx);
        DrsBodies.single(Json.tree(ctx));
        ctx.json(views.object(drs.object(caller, uris.fileId(ctx.pathParam("object_id")))));
    }

    /** DRS 1.2's POST form of GET /objects/{id}/access/{access_id}; answered as the GET. */
    private void postAccess(Context ctx) {
        DrsCaller caller = caller(ctx);
        DrsBodies.single(Json.tree(ctx));
        accessUrl(ctx, caller);
    }

    /**
     * Answered to anyone: a caller without a token learns "a token works" for every id that is not
     * a file of a public project, and "none needed too" for those, so nothing private leaks. A
     * token is checked like on GET, so it cannot probe what it may not read.
     */
    private void authorizations(Context ctx) {
        DrsCaller caller = caller(ctx);
        String asked = ctx.pathParam("object_id");
        boolean open = drs.openToAnyone(caller, uris.fileId(asked));
        ctx.json(views.authorizations(asked, open, publicUrl));
    }

    /** OPTIONS /objects: {@link #authorizations} for several ids, in the bulk answer's shape. */
    private void bulkAuthorizations(Context ctx) {
        DrsCaller caller = caller(ctx);
        List<String> asked = DrsBodies.objectIds(Json.tree(ctx));
        DrsViews.Unresolved unresolved = new DrsViews.Unresolved();
        ValidIds valid = valid(asked, unresolved);
        List<Map<String, Object>> resolved = new ArrayList<>();
        List<DrsService.Openness> results = drs.openToAnyone(caller, valid.fileIds());
        for (int i = 0; i < results.size(); i++) {
            DrsService.Openness r = results.get(i);
            if (r.error() == null) {
                resolved.add(views.authorizations(valid.asked().get(i), r.open(), publicUrl));
            } else {
                unresolved.add(valid.asked().get(i), r.error());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("summary", DrsViews.summary(asked.size(), resolved.size(), unresolved.count()));
        body.put("unresolved_drs_objects", unresolved.view());
        body.put("resolved_drs_object", resolved);
        ctx.json(body);
    }

    private void access(Context ctx) {
        accessUrl(ctx, caller(ctx));
    }

    private void accessUrl(Context ctx, DrsCaller caller) {
        String fileId = uris.fileId(ctx.pathParam("object_id"));
        String accessId = ctx.pathParam("access_id");
        if (!DrsViews.HTTPS.equals(accessId)) {
            drs.object(caller, fileId); // an object the caller may not see is answered as such first
            throw unknownAccessId(accessId);
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(DrsViews.accessUrl(drs.link(caller, fileId).url()));
    }

    private void bulkObjects(Context ctx) {
        DrsCaller caller = caller(ctx);
        expand(ctx);
        List<String> asked = DrsBodies.objectIds(Json.tree(ctx));
        DrsViews.Unresolved unresolved = new DrsViews.Unresolved();
        ValidIds valid = valid(asked, unresolved);
        List<Map<String, Object>> resolved = new ArrayList<>();
        List<BulkResult> results = drs.objects(caller, valid.fileIds());
        for (int i = 0; i < results.size(); i++) {
            BulkResult r = results.get(i);
            if (r.error() == null) {
                resolved.add(views.object(r.file()));
            } else {
                unresolved.add(valid.asked().get(i), r.error());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("summary", DrsViews.summary(asked.size(), resolved.size(), unresolved.count()));
        body.put("unresolved_drs_objects", unresolved.view());
        body.put("resolved_drs_object", resolved);
        ctx.json(body);
    }

    private void bulkAccess(Context ctx) {
        DrsCaller caller = caller(ctx);
        List<DrsBodies.AccessRequest> asked = DrsBodies.accessRequests(Json.tree(ctx));
        DrsViews.Unresolved unresolved = new DrsViews.Unresolved();
        List<DrsBodies.AccessRequest> linkable = new ArrayList<>();
        List<String> fileIds = new ArrayList<>();
        for (DrsBodies.AccessRequest request : asked) {
            try {
                String fileId = uris.fileId(request.objectId());
                request.accessIds().stream().filter(a -> !DrsViews.HTTPS.equals(a)).findFirst().ifPresent(a -> {
                    throw unknownAccessId(a);
                });
                fileIds.add(fileId);
                linkable.add(request);
            } catch (UserException e) {
                unresolved.add(request.objectId(), e);
            }
        }
        List<Map<String, Object>> urls = new ArrayList<>();
        int resolved = 0;
        List<LinkResult> links = drs.links(caller, fileIds);
        for (int i = 0; i < links.size(); i++) {
            LinkResult r = links.get(i);
            DrsBodies.AccessRequest request = linkable.get(i);
            if (r.error() != null) {
                unresolved.add(request.objectId(), r.error());
                continue;
            }
            resolved++;
            for (String accessId : request.accessIds()) {
                urls.add(DrsViews.bulkAccessUrl(r.link().url(), request.objectId(), accessId));
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("summary", DrsViews.summary(asked.size(), resolved, unresolved.count()));
        body.put("unresolved_drs_objects", unresolved.view());
        body.put("resolved_drs_object_access_urls", urls);
        ctx.header("Cache-Control", "no-store");
        ctx.json(body);
    }

    /** Ids of a bulk body that name a file of this server, as asked and as file ids, in the same order. */
    private record ValidIds(List<String> asked, List<String> fileIds) {
    }

    /** The ids that name a file here; the others (another server's URI, a compact one) go to {@code unresolved}. */
    private ValidIds valid(List<String> asked, DrsViews.Unresolved unresolved) {
        List<String> kept = new ArrayList<>();
        List<String> fileIds = new ArrayList<>();
        for (String id : asked) {
            try {
                fileIds.add(uris.fileId(id));
                kept.add(id);
            } catch (UserException e) {
                unresolved.add(id, e);
            }
        }
        return new ValidIds(kept, fileIds);
    }

    /** GA4GH service-info with the DRS 1.5 fields; the counts are the stored files of every project. */
    private void serviceInfo(Context ctx) {
        Totals totals = drs.totals();
        Map<String, Object> type = new LinkedHashMap<>();
        type.put("group", "org.ga4gh");
        type.put("artifact", "drs");
        type.put("version", "1.5.0");
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("name", "SeqVault at " + uris.host());
        organization.put("url", publicUrl);
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("maxBulkRequestLength", DrsService.MAX_BULK_IDS);
        counts.put("objectCount", totals.files());
        counts.put("totalObjectSize", totals.bytes());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", serviceId(uris.host()));
        m.put("name", "SeqVault DRS");
        m.put("type", type);
        m.put("description", "GA4GH Data Repository Service over the files of this SeqVault server");
        m.put("organization", organization);
        m.put("version", version());
        m.put("maxBulkRequestLength", DrsService.MAX_BULK_IDS);
        m.put("drs", counts);
        ctx.json(m);
    }

    /** The host in reverse domain notation, as service-info ids are (an address stays as it is). */
    static String serviceId(String host) {
        if (host.startsWith("[") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c))) {
            return host + ".drs";
        }
        List<String> labels = new ArrayList<>(List.of(host.split("\\.")));
        Collections.reverse(labels);
        return String.join(".", labels) + ".drs";
    }

    private static String version() {
        String v = DrsRoutes.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    /** {@code expand} concerns bundles, which this server has none of; it is checked, then has no effect. */
    private static void expand(Context ctx) {
        Params.bool(ctx.queryParam("expand"), "expand", false);
    }

    private static UserException unknownAccessId(String accessId) {
        return new UserException(Problem.ROUTE_NOT_FOUND, "no access method '" + accessId
                + "' for this object; its only access id is '" + DrsViews.HTTPS + "'");
    }
}
