package org.seqvault.api.htsget;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.seqvault.api.RouteTable;
import org.seqvault.api.RouteTable.Guard;
import org.seqvault.api.error.HtsgetErrors;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Json;
import org.seqvault.api.http.RequestIds;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.Origin;
import org.seqvault.service.file.DrsCaller;
import org.seqvault.service.file.HtsgetService;
import org.seqvault.service.htsget.HtsFormat;
import org.seqvault.service.htsget.HtsFormat.DataType;
import org.seqvault.service.htsget.HtsgetLinks;
import org.seqvault.service.htsget.Region;
import org.seqvault.service.htsget.Ticket;
import org.seqvault.service.htsget.TicketRequest;

/**
 * GA4GH htsget 1.3 at /ga4gh/htsget/v1 (docs/api-htsget.md): tickets for the reads of BAM and CRAM
 * files and the variants of VCF and BCF files, by GET or POST, and each endpoint's service-info.
 * Without a token only files of public projects are served. Browsers (igv.js) may call every route
 * from any origin: a ticket is no use without the token that asked for it or a public file.
 */
public final class HtsgetRoutes {
    public static final String BASE = HtsgetLinks.BASE_PATH;
    static final String VERSION = "1.3.0";

    private final HtsgetService htsget;
    private final Auth auth;
    private final String publicUrl;

    public HtsgetRoutes(HtsgetService htsget, Auth auth, String publicUrl) {
        this.htsget = htsget;
        this.auth = auth;
        this.publicUrl = publicUrl;
    }

    public void register(RouteTable routes) {
        for (DataType type : DataType.values()) {
            String base = BASE + "/" + type.wireName();
            String ticket = base + "/{id}";
            routes.add(HandlerType.GET, base + "/service-info", Guard.PUBLIC, ctx -> serviceInfo(ctx, type))
                    .add(HandlerType.OPTIONS, base + "/service-info", Guard.PUBLIC, HtsgetRoutes::preflight)
                    .add(HandlerType.GET, ticket, Guard.TOKEN_OR_PUBLIC_PROJECTS, ctx -> get(ctx, type))
                    .add(HandlerType.POST, ticket, Guard.TOKEN_OR_PUBLIC_PROJECTS, ctx -> post(ctx, type))
                    .add(HandlerType.OPTIONS, ticket, Guard.PUBLIC, HtsgetRoutes::preflight);
        }
    }

    /**
     * CORS for every htsget answer, errors included: the caller's origin is allowed (with the
     * token headers and Range), since what a ticket hands out is decided by the token alone.
     */
    public static void cors(Context ctx) {
        String origin = ctx.header("Origin");
        ctx.header("Access-Control-Allow-Origin", origin == null || origin.isBlank() ? "*" : origin);
        ctx.header("Vary", "Origin");
        ctx.header("Access-Control-Expose-Headers", "Content-Length, Content-Range, Content-Type, X-Request-Id");
    }

    /**
     * CORS for the download URLs a ticket's blocks point at (on local storage): browsers fetch them
     * with a Range header from the page's origin. The signed URL is the only credential (no cookie,
     * no token), so any origin may read what it grants.
     */
    public static void blockCors(Context ctx) {
        ctx.header("Access-Control-Allow-Origin", "*");
        ctx.header("Access-Control-Expose-Headers", "Content-Length, Content-Range, Accept-Ranges");
    }

    private static void preflight(Context ctx) {
        ctx.header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type, Range, X-SBG-Auth-Token");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
    }

    private DrsCaller caller(Context ctx) {
        return auth.principalIfSent(ctx).map(DrsCaller::of)
                .orElseGet(() -> DrsCaller.anonymous(new Origin(RequestIds.of(ctx), ctx.ip())));
    }

    private void get(Context ctx, DataType type) {
        DrsCaller caller = caller(ctx);
        String referenceName = ctx.queryParam("referenceName");
        Long start = coordinate(ctx.queryParam("start"), "start");
        Long end = coordinate(ctx.queryParam("end"), "end");
        if (ctx.queryParam("referenceMD5") != null && referenceName == null) {
            throw invalid("referenceMD5 is not supported; name the reference with referenceName");
        }
        if ((start != null || end != null) && referenceName == null) {
            throw invalid("start and end need a referenceName");
        }
        checkTags(split(ctx.queryParam("tags")), split(ctx.queryParam("notags")));
        List<Region> regions = referenceName == null ? List.of() : List.of(new Region(referenceName, start, end));
        TicketRequest request = new TicketRequest(type, format(ctx.queryParam("format"), type),
                headerOnly(ctx.queryParam("class")), regions);
        answer(ctx, htsget.ticket(caller, ctx.pathParam("id"), request));
    }

    private void post(Context ctx, DataType type) {
        DrsCaller caller = caller(ctx);
        JsonNode body = Json.tree(ctx);
        if (body == null || body.isNull() || body.isMissingNode()) {
            body = Json.MAPPER.createObjectNode();
        }
        if (!body.isObject()) {
            throw invalid("the body must be a JSON object");
        }
        checkTags(strings(body, "tags"), strings(body, "notags"));
        strings(body, "fields"); // checked for its shape only: every field is returned
        List<Region> regions = new ArrayList<>();
        JsonNode asked = body.get("regions");
        if (asked != null && !asked.isNull()) {
            if (!asked.isArray()) {
                throw invalid("'regions' must be an array of {referenceName, start, end}");
            }
            if (asked.size() > TicketRequest.MAX_REGIONS) {
                throw invalid("at most " + TicketRequest.MAX_REGIONS + " regions per request, got " + asked.size());
            }
            for (JsonNode r : asked) {
                if (!r.isObject() || !r.path("referenceName").isTextual()) {
                    throw invalid("each region needs a referenceName (a string)");
                }
                regions.add(new Region(r.get("referenceName").asText(), coordinate(r.get("start"), "start"),
                        coordinate(r.get("end"), "end")));
            }
        }
        TicketRequest request = new TicketRequest(type, format(text(body, "format"), type),
                headerOnly(text(body, "class")), regions);
        answer(ctx, htsget.ticket(caller, ctx.pathParam("id"), request));
    }

    private static void answer(Context ctx, Ticket ticket) {
        List<Map<String, Object>> urls = new ArrayList<>();
        for (Ticket.Url u : ticket.urls()) {
            Map<String, Object> url = new LinkedHashMap<>();
            url.put("url", u.url());
            url.put("headers", u.headers());
            url.put("class", u.part().name().toLowerCase(Locale.ROOT));
            urls.add(url);
        }
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("format", ticket.format().name());
        inner.put("urls", urls);
        ctx.json(Map.of("htsget", inner));
        ctx.contentType(HtsgetErrors.CONTENT_TYPE);
    }

    private void serviceInfo(Context ctx, DataType type) {
        Map<String, Object> kind = new LinkedHashMap<>();
        kind.put("group", "org.ga4gh");
        kind.put("artifact", "htsget");
        kind.put("version", VERSION);
        Map<String, Object> organization = new LinkedHashMap<>();
        organization.put("name", "SeqVault");
        organization.put("url", publicUrl);
        Map<String, Object> htsgetInfo = new LinkedHashMap<>();
        htsgetInfo.put("datatype", type.wireName());
        htsgetInfo.put("formats", type == DataType.READS ? List.of("BAM", "CRAM") : List.of("VCF", "BCF"));
        htsgetInfo.put("fieldsParametersEffective", false);
        htsgetInfo.put("tagsParametersEffective", false);
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("id", "org.seqvault.htsget." + type.wireName());
        info.put("name", "SeqVault htsget (" + type.wireName() + ")");
        info.put("type", kind);
        info.put("description", type == DataType.READS
                ? "Regions of the BAM and CRAM files SeqVault stores, read through their index files"
                : "Regions of the bgzipped VCF and BCF files SeqVault stores, read through their index files");
        info.put("organization", organization);
        info.put("version", VERSION);
        info.put("htsget", htsgetInfo);
        ctx.json(info);
    }

    // ---- parameters --------------------------------------------------------------------------

    private static String format(String asked, DataType type) {
        if (asked == null || asked.isEmpty()) {
            return null;
        }
        HtsFormat f = HtsFormat.ofWireName(asked).filter(x -> x.dataType() == type).orElseThrow(() ->
                new UserException(Problem.UNSUPPORTED_FORMAT, "format '" + asked + "' is not served by "
                        + type.wireName() + " (" + (type == DataType.READS ? "BAM, CRAM" : "VCF, BCF") + ")"));
        return f.name();
    }

    private static boolean headerOnly(String klass) {
        if (klass == null || klass.isEmpty() || klass.equalsIgnoreCase("body")) {
            return false;
        }
        if (klass.equalsIgnoreCase("header")) {
            return true;
        }
        throw invalid("class must be 'header' (or 'body'), got '" + klass + "'");
    }

    private static Long coordinate(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(name + " must be an unsigned 32-bit integer, got '" + value + "'");
        }
    }

    private static Long coordinate(JsonNode value, String name) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw invalid(name + " must be an unsigned 32-bit integer, got " + value);
        }
        return value.asLong();
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw invalid("'" + field + "' must be a string");
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw invalid("'" + field + "' must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : v) {
            if (!item.isTextual()) {
                throw invalid("'" + field + "' must be an array of strings");
            }
            out.add(item.asText());
        }
        return out;
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isEmpty() ? List.of() : List.of(csv.split(","));
    }

    /** Tags and notags are accepted (every tag is returned), but asking for a tag and against it is an error. */
    private static void checkTags(List<String> tags, List<String> notags) {
        Set<String> both = new HashSet<>(tags);
        both.retainAll(new HashSet<>(notags));
        if (!both.isEmpty()) {
            throw invalid("tags and notags both name " + both.stream().sorted().toList());
        }
    }

    private static UserException invalid(String message) {
        return new UserException(Problem.INVALID_REQUEST, message);
    }
}
