package org.seqvault.api.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqvault.api.ApiServices;
import org.seqvault.api.RouteTable;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Json;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.extract.MetadataExtraction;

/**
 * Header extraction run again on existing files (admin scope): {@code POST /admin/v1/extract-metadata}
 * with {@code {"project": "owner/slug"}} (or no body: every project) queues the files whose names are
 * a format SeqVault reads; the server's worker reads them. Answers how many were queued and the queue.
 */
public final class ExtractionRoutes {
    private final ApiServices s;
    private final Auth auth;

    public ExtractionRoutes(ApiServices services, Auth auth) {
        this.s = services;
        this.auth = auth;
    }

    public void register(RouteTable routes) {
        routes.post("/admin/v1/extract-metadata", this::requeue);
    }

    private void requeue(Context ctx) {
        Principal p = auth.principal(ctx);
        ProjectRef project = project(ctx);
        MetadataExtraction extraction = s.extraction();
        if (extraction == null) {
            p.requireScope(org.seqvault.domain.Scope.ADMIN);
            throw UserException.invalid("header extraction is off on this server (extract_metadata=false);"
                    + " turn it on to read headers");
        }
        MetadataExtraction.Requeued requeued = extraction.requeue(p, project);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("project", project == null ? null : project.id());
        body.put("queued", requeued.queued());
        body.put("queue", requeued.queue());
        ctx.status(202).json(body);
    }

    /** The body's project, or null (no body, or no "project"): every project. */
    private static ProjectRef project(Context ctx) {
        JsonNode body = Json.tree(ctx);
        if (body.isNull()) {
            return null;
        }
        if (!body.isObject()) {
            throw UserException.invalid("send a JSON object: {\"project\": \"owner/slug\"}, or no body for every project");
        }
        JsonNode project = body.get("project");
        if (project == null || project.isNull()) {
            return null;
        }
        if (!project.isTextual()) {
            throw UserException.invalid("'project' must be a project id such as \"alice/wgs\"");
        }
        return ProjectRef.parse(project.asText());
    }
}
