package org.seqvault.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.api.RouteTable;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Json;
import org.seqvault.domain.Problem;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.file.BulkResult;
import org.seqvault.service.file.FileEdit;
import org.seqvault.service.file.NamespaceService;

/**
 * /v2/bulk/files/{get,delete,update,edit}: 200 with one result per input item, in input
 * order, each {"resource": file} or {"error": {...}}, even when some items fail.
 */
public final class BulkFileRoutes {
    private final NamespaceService namespace;
    private final Auth auth;
    private final SbFileViews views;

    public BulkFileRoutes(NamespaceService namespace, Auth auth, Hrefs hrefs, SbFileViews views) {
        this.namespace = namespace;
        this.auth = auth;
        this.views = views;
    }

    public void register(RouteTable routes) {
        routes.post("/v2/bulk/files/get", this::get)
                .post("/v2/bulk/files/delete", this::delete)
                .post("/v2/bulk/files/update", ctx -> edit(ctx, FileEdit.Mode.REPLACE))
                .post("/v2/bulk/files/edit", ctx -> edit(ctx, FileEdit.Mode.MERGE))
                .post("/v2/action/files/copy", this::copy);
    }

    /**
     * POST /action/files/copy {"file_ids": […], "project": "owner/name"}: files into the project's
     * root, answered as an object keyed by source id (spec §12.2), not as a bulk list.
     */
    private void copy(Context ctx) {
        Principal p = auth.principal(ctx);
        JsonNode body = SbBodies.object(Json.tree(ctx));
        String project = SbBodies.text(body, "project");
        if (project == null) {
            throw new UserException(Problem.NO_PROJECT_OR_PARENT, "'project' (owner/name) is required: the copies go to its root folder");
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode id : array(body, "file_ids")) {
            if (!id.isTextual()) {
                throw UserException.invalid("every entry of 'file_ids' must be a file id (a string)");
            }
            ids.add(id.textValue());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        namespace.bulkCopy(p, ids, ProjectRef.parse(project)).forEach((id, result) -> answer.put(id, SbFileViews.copyOutcome(result)));
        ctx.json(answer);
    }

    private void get(Context ctx) {
        Principal p = auth.principal(ctx);
        respond(ctx, namespace.bulkGet(p, fileIds(ctx)));
    }

    /** Each deleted item carries the file as it was, so reading it never re-fetches a deleted id. */
    private void delete(Context ctx) {
        Principal p = auth.principal(ctx);
        respond(ctx, namespace.bulkDelete(p, fileIds(ctx)));
    }

    private void edit(Context ctx, FileEdit.Mode mode) {
        Principal p = auth.principal(ctx);
        respond(ctx, namespace.bulkEdit(p, edits(ctx), mode));
    }

    private void respond(Context ctx, List<BulkResult> results) {
        ctx.json(Map.of("items", results.stream().map(views::bulkItem).toList()));
    }

    /** {"file_ids": ["…", …]}; an entry that is not a string reaches the service as a missing id. */
    private static List<String> fileIds(Context ctx) {
        JsonNode ids = array(SbBodies.object(Json.tree(ctx)), "file_ids");
        List<String> result = new ArrayList<>();
        for (JsonNode id : ids) {
            result.add(id.isTextual() ? id.textValue() : null);
        }
        return result;
    }

    /** {"items": [{"id" (or "file_id"), "name", "metadata", "tags", "origin"}, …]}. */
    private static List<FileEdit> edits(Context ctx) {
        JsonNode items = array(SbBodies.object(Json.tree(ctx)), "items");
        List<FileEdit> edits = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw UserException.invalid("every entry of 'items' must be an object with an 'id'");
            }
            String id = SbBodies.text(item, "id");
            edits.add(new FileEdit(id != null ? id : SbBodies.text(item, "file_id"), SbBodies.text(item, "name"),
                    SbBodies.metadata(item.path("metadata")), SbBodies.tags(item.path("tags")),
                    SbBodies.originTask(item)));
        }
        return edits;
    }

    private static JsonNode array(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (!v.isArray()) {
            throw UserException.invalid("'" + field + "' must be a JSON array");
        }
        return v;
    }
}
