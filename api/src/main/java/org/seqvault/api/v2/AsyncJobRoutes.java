package org.seqvault.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.api.RouteTable;
import org.seqvault.api.error.SbErrors;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Json;
import org.seqvault.api.http.Times;
import org.seqvault.domain.FileJob;
import org.seqvault.domain.FileJobItem;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.file.FileJobService;
import org.seqvault.service.file.FileJobService.ItemRequest;
import org.seqvault.service.file.FileJobService.JobView;
import org.seqvault.service.file.FileJobService.Outcome;
import org.seqvault.service.support.Page;

/**
 * /v2/async/files: async copy, move and delete jobs (docs/api-v2.md, "Async file jobs"). A POST
 * answers 200 with the job as soon as it is stored; its {@code result} stays [] until it is FINISHED,
 * then holds one bulk entry per item, in request order.
 */
public final class AsyncJobRoutes {
    private static final String BASE = "/v2/async/files";
    private final FileJobService jobs;
    private final Auth auth;
    private final Hrefs hrefs;
    private final SbFileViews files;

    public AsyncJobRoutes(FileJobService jobs, Auth auth, Hrefs hrefs, SbFileViews files) {
        this.jobs = jobs;
        this.auth = auth;
        this.hrefs = hrefs;
        this.files = files;
    }

    public void register(RouteTable routes) {
        routes.get(BASE, this::list);
        for (FileJob.Type type : FileJob.Type.values()) {
            routes.post(BASE + "/" + type.pathName(), ctx -> submit(ctx, type))
                    .get(BASE + "/" + type.pathName() + "/{id}", ctx -> get(ctx, type));
        }
    }

    private void submit(Context ctx, FileJob.Type type) {
        Principal p = auth.principal(ctx);
        ctx.json(job(jobs.submit(p, type, items(ctx))));
    }

    private void get(Context ctx, FileJob.Type type) {
        Principal p = auth.principal(ctx);
        ctx.json(job(jobs.get(p, type, ctx.pathParam("id"))));
    }

    /** Offset pages like every v2 list, newest job first. */
    private void list(Context ctx) {
        Principal p = auth.principal(ctx);
        QueryString q = QueryString.of(ctx);
        long offset = FileQuery.offset(q);
        int limit = FileQuery.limit(q);
        Page<JobView> page = jobs.list(p, offset, limit);
        SbList.offsetPage(ctx, hrefs, "/async/files", q.without("offset", "limit"),
                page.items().stream().map(this::job).toList(), offset, limit, page.total());
    }

    /**
     * {"items": [{"file": id, "parent": folderId | "project": "owner/slug", "name": new name}, …]};
     * a missing "file" reaches the job as a missing id, which fails that item alone.
     */
    private static List<ItemRequest> items(Context ctx) {
        JsonNode items = SbBodies.object(Json.tree(ctx)).path("items");
        if (!items.isArray()) {
            throw UserException.invalid("'items' must be a JSON array of {\"file\": id, …} objects");
        }
        List<ItemRequest> result = new ArrayList<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                throw UserException.invalid("every entry of 'items' must be an object with a 'file'");
            }
            result.add(new ItemRequest(SbBodies.text(item, "file"), SbBodies.text(item, "parent"),
                    SbBodies.text(item, "project"), SbBodies.text(item, "name")));
        }
        return result;
    }

    private Map<String, Object> job(JobView view) {
        FileJob job = view.job();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("href", hrefs.of("/async/files/" + job.type().pathName() + "/" + job.id()));
        m.put("id", job.id());
        m.put("type", job.type().name());
        m.put("state", job.state().name());
        m.put("result", view.result().stream().map(this::outcome).toList());
        m.put("total_files", job.totalFiles());
        m.put("completed_files", job.completedFiles());
        m.put("failed_files", job.failedFiles());
        m.put("started_on", job.startedAt() == null ? null : Times.format(job.startedAt()));
        m.put("finished_on", job.finishedAt() == null ? null : Times.format(job.finishedAt()));
        return m;
    }

    /** A bulk entry: the resulting file as GET /files/{id} shows it, what a delete removed, or the error. */
    private Map<String, Object> outcome(Outcome outcome) {
        if (outcome.file() != null) {
            return Map.of("resource", files.file(outcome.file()));
        }
        if (outcome.removed() != null) {
            return Map.of("resource", removed(outcome.removed()));
        }
        UserException e = outcome.error();
        return Map.of("error", SbErrors.body(e.kind().httpStatus(), e.problem(), e.getMessage()));
    }

    /** A deleted file or folder: what is known of it once it is gone. */
    private Map<String, Object> removed(FileJobService.Removed removed) {
        FileJobItem.Deleted was = removed.was();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("href", hrefs.of("/files/" + removed.id()));
        m.put("id", removed.id());
        m.put("name", was.name());
        m.put("project", was.project());
        m.put("parent", was.parentId());
        m.put("type", was.folder() ? "folder" : "file");
        return m;
    }
}
