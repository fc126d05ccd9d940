package org.seqvault.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.seqvault.api.RouteTable;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Json;
import org.seqvault.api.http.Params;
import org.seqvault.domain.Node;
import org.seqvault.domain.Problem;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.file.Located;
import org.seqvault.service.file.NamespaceService;
import org.seqvault.service.project.ProjectService;
import org.seqvault.service.support.Page;
import org.seqvault.service.upload.Claims;
import org.seqvault.service.upload.UploadService;
import org.seqvault.service.upload.UploadService.Target;
import org.seqvault.service.upload.UploadTicket;

/**
 * The Seven Bridges multipart upload protocol (spec §7): init, a presigned URL per part,
 * part reports (with and without the trailing slash the client uses), complete, abort, and
 * the documented status and listing calls. Sessions are the same ones v1 uploads use.
 */
public final class UploadRoutes {
    private static final String UPLOAD = "/v2/upload/multipart/{upload}";

    private final UploadService uploads;
    private final ProjectService projects;
    private final NamespaceService namespace;
    private final Auth auth;
    private final Hrefs hrefs;
    private final SbUploadViews views;
    private final SbFileViews files;

    public UploadRoutes(UploadService uploads, ProjectService projects, NamespaceService namespace, Auth auth,
                        Hrefs hrefs, SbFileViews fileViews) {
        this.uploads = uploads;
        this.projects = projects;
        this.namespace = namespace;
        this.auth = auth;
        this.hrefs = hrefs;
        this.views = new SbUploadViews(hrefs);
        this.files = fileViews;
    }

    public void register(RouteTable routes) {
        routes.post("/v2/upload/multipart", this::init)
                .get("/v2/upload/multipart", this::list)
                .get(UPLOAD, this::status)
                .post(UPLOAD, this::reportBatch)
                .delete(UPLOAD, this::abort)
                .get(UPLOAD + "/part/{part}", this::partUrl)
                .post(UPLOAD + "/part", this::report)
                .post(UPLOAD + "/complete", this::complete);
    }

    /** POST /upload/multipart[?overwrite=True] {"name","size","part_size","project"|"parent"}. */
    private void init(Context ctx) {
        Principal p = auth.principal(ctx);
        JsonNode body = SbBodies.object(Json.tree(ctx));
        Located folder = namespace.uploadFolder(p, FileRoutes.target(body));
        Long size = SbBodies.number(body, "size", Problem.BAD_UPLOAD_INIT);
        if (size == null) {
            throw new UserException(Problem.BAD_UPLOAD_INIT, "'size' is required: the file's size in bytes");
        }
        boolean overwrite = Params.bool(ctx.queryParam("overwrite"), "overwrite", false);
        UploadTicket ticket = uploads.open(p, new Target.InFolder(folder.node().id(), SbBodies.text(body, "name")), size,
                SbBodies.number(body, "part_size", Problem.BAD_UPLOAD_INIT), overwrite, null, null,
                SbBodies.originTask(body));
        ctx.json(views.upload(ticket.session(), folder.project()));
    }

    /** GET /upload/multipart/{id}/part/{n}: a fresh presigned URL for part n. */
    private void partUrl(Context ctx) {
        Principal p = auth.principal(ctx);
        ctx.json(SbUploadViews.partUrl(uploads.presignPart(p, ctx.pathParam("upload"), partNumber(ctx))));
    }

    /** POST /upload/multipart/{id}/part/ {"part_number", "response": {"headers": {"ETag"}}}. */
    private void report(Context ctx) {
        Principal p = auth.principal(ctx);
        applyReport(p, ctx.pathParam("upload"), SbBodies.object(Json.tree(ctx)));
        ctx.status(204);
    }

    /** POST /upload/multipart/{id} {"parts": [report, …]}: several part reports at once. */
    private void reportBatch(Context ctx) {
        Principal p = auth.principal(ctx);
        String uploadId = ctx.pathParam("upload");
        for (JsonNode report : reports(SbBodies.object(Json.tree(ctx)), true)) {
            applyReport(p, uploadId, report);
        }
        ctx.status(204);
    }

    /** POST /upload/multipart/{id}/complete with body null (or late reports in "parts"): the new file. */
    private void complete(Context ctx) {
        Principal p = auth.principal(ctx);
        String uploadId = ctx.pathParam("upload");
        for (JsonNode report : reports(SbBodies.object(Json.tree(ctx)), false)) {
            applyReport(p, uploadId, report);
        }
        Node file = uploads.complete(p, uploadId, Claims.NONE);
        ctx.json(files.file(namespace.get(p, file.id())));
    }

    private void abort(Context ctx) {
        Principal p = auth.principal(ctx);
        uploads.abort(p, ctx.pathParam("upload"));
        ctx.status(204);
    }

    /** GET /upload/multipart/{id}[?list_parts=true]: the upload, how many parts arrived, and (asked) which. */
    private void status(Context ctx) {
        Principal p = auth.principal(ctx);
        String uploadId = ctx.pathParam("upload");
        UploadSession session = uploads.session(p, uploadId);
        Map<String, Object> body = views.upload(session, projectOf(p, session));
        List<UploadPart> received = uploads.parts(p, uploadId);
        body.put("uploaded_parts_count", UploadService.receivedPartCount(session, received));
        if (Params.bool(ctx.queryParam("list_parts"), "list_parts", false)) {
            body.put("parts", received.stream().map(SbUploadViews::part).toList());
        }
        ctx.json(body);
    }

    /** GET /upload/multipart: the caller's uploads still in progress, newest first. */
    private void list(Context ctx) {
        Principal p = auth.principal(ctx);
        QueryString q = QueryString.of(ctx);
        long offset = FileQuery.offset(q);
        int limit = FileQuery.limit(q);
        Page<UploadSession> open = uploads.openSessions(p, offset, limit);
        List<Map<String, Object>> page = open.items().stream()
                .map(s -> views.upload(s, projectOf(p, s)))
                .toList();
        SbList.offsetPage(ctx, hrefs, "/upload/multipart", q.without("offset", "limit"), page, offset, limit,
                open.total());
    }

    // ---- helpers ----------------------------------------------------------------------------

    private void applyReport(Principal p, String uploadId, JsonNode report) {
        Long part = SbBodies.number(report, "part_number", Problem.BAD_PART_REPORT);
        if (part == null || part < 1 || part > Integer.MAX_VALUE) {
            throw new UserException(Problem.BAD_PART_REPORT, "a part report needs 'part_number' (1 or more)");
        }
        uploads.reportPart(p, uploadId, part.intValue(), etag(report.path("response").path("headers")));
    }

    /** The reported ETag, whatever the case of the header name the client kept. */
    private static String etag(JsonNode headers) {
        if (headers.isObject()) {
            for (Map.Entry<String, JsonNode> h : headers.properties()) {
                if (h.getKey().equalsIgnoreCase("ETag") && h.getValue().isTextual()) {
                    return h.getValue().textValue();
                }
            }
        }
        throw new UserException(Problem.BAD_PART_REPORT, "a part report needs response.headers.ETag");
    }

    private static Iterable<JsonNode> reports(JsonNode body, boolean required) {
        JsonNode parts = body.path("parts");
        if ((parts.isMissingNode() || parts.isNull()) && !required) {
            return List.of();
        }
        if (!parts.isArray()) {
            throw new UserException(Problem.BAD_PART_REPORT, "'parts' must be an array of part reports");
        }
        return parts;
    }

    private static int partNumber(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("part"));
        } catch (NumberFormatException e) {
            throw new UserException(Problem.BAD_PART_NUMBER, "the part number must be a whole number from 1");
        }
    }

    /** The project an upload goes to, by its Seven Bridges id; null once the caller can no longer read it. */
    private ProjectRef projectOf(Principal p, UploadSession s) {
        try {
            return projects.byWorkspace(p, s.projectId()).ref();
        } catch (UserException e) {
            return null;
        }
    }
}
