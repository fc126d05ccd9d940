package org.seqvault.api.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.http.Context;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqvault.api.RouteTable;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Json;
import org.seqvault.api.http.Params;
import org.seqvault.domain.AuditRecord;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.UserException;
import org.seqvault.service.audit.AuditLog;
import org.seqvault.service.auth.Principal;

/**
 * The audit trail, newest first, a page at a time: all of it under /admin/v1/audit (admin scope),
 * one project's under /v2/projects/{owner}/{slug}/audit (its admins, with the projects scope).
 * Both answer {"records": […], "next_cursor": …} with the same record shape (docs/operations.md).
 */
public final class AuditRoutes {
    private static final int DEFAULT_LIMIT = 100;
    private final AuditLog audit;
    private final Auth auth;

    public AuditRoutes(AuditLog audit, Auth auth) {
        this.audit = audit;
        this.auth = auth;
    }

    public void register(RouteTable routes) {
        routes.get("/admin/v1/audit", this::all)
                .get("/v2/projects/{owner}/{slug}/audit", this::ofProject);
    }

    private void all(Context ctx) {
        Principal p = auth.principal(ctx);
        AuditLog.Filter filter = filter(ctx, ctx.queryParam("project"));
        respond(ctx, audit.all(p, filter, ctx.queryParam("cursor"), limit(ctx)));
    }

    private void ofProject(Context ctx) {
        Principal p = auth.principal(ctx);
        ProjectRef ref = ProjectRef.parse(ctx.pathParam("owner") + "/" + ctx.pathParam("slug"));
        if (ctx.queryParam("project") != null) {
            throw UserException.invalid("the project is in the path; drop the 'project' parameter");
        }
        respond(ctx, audit.ofProject(p, ref, filter(ctx, null), ctx.queryParam("cursor"), limit(ctx)));
    }

    private static AuditLog.Filter filter(Context ctx, String project) {
        return new AuditLog.Filter(project, ctx.queryParam("user"), ctx.queryParam("action"), time(ctx, "since"),
                time(ctx, "until"));
    }

    private static int limit(Context ctx) {
        return Params.integer(ctx, "limit", DEFAULT_LIMIT, 1, AuditLog.MAX_LIMIT);
    }

    /** An ISO-8601 time (2025-01-31T12:00:00Z, or with an offset) or a date (2025-01-31: its start, UTC). */
    static Instant time(Context ctx, String name) {
        String v = ctx.queryParam(name);
        if (v == null || v.isEmpty()) {
            return null;
        }
        try {
            return v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(v);
        } catch (DateTimeException e) {
            throw UserException.invalid("'" + name + "' must be an ISO-8601 time such as 2025-01-31T12:00:00Z,"
                    + " or a date such as 2025-01-31");
        }
    }

    private static void respond(Context ctx, AuditLog.Page page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("records", page.records().stream().map(AuditRoutes::view).toList());
        body.put("next_cursor", page.nextCursor());
        ctx.json(body);
    }

    /** One record on the wire; times to the microsecond, as recorded. */
    static Map<String, Object> view(AuditRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("at", r.at().toString());
        m.put("action", r.action());
        m.put("outcome", r.outcome());
        m.put("problem", r.problem());
        m.put("user_id", r.userId());
        m.put("username", r.username());
        m.put("token_id", r.tokenId());
        m.put("request_id", r.requestId());
        m.put("client_address", r.clientAddress());
        m.put("project_id", r.projectId());
        m.put("project", r.project());
        m.put("target_id", r.targetId());
        m.put("target", r.target());
        m.put("detail", detail(r.detail()));
        return m;
    }

    private static Object detail(String json) {
        if (json == null) {
            return null;
        }
        try {
            return Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return json; // written by AuditDetail, so always JSON; shown as text should that ever change
        }
    }
}
