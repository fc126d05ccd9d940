package org.seqvault.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Map;
import org.seqvault.api.RouteTable;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Json;
import org.seqvault.api.http.Params;
import org.seqvault.domain.Problem;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.file.Container;
import org.seqvault.service.file.FileEdit;
import org.seqvault.service.file.FileFilter;
import org.seqvault.service.file.Located;
import org.seqvault.service.file.NamespaceService;
import org.seqvault.service.file.ScrollPage;
import org.seqvault.service.file.ScrollToken;
import org.seqvault.service.support.Page;

/** The Seven Bridges files API: /v2/files and everything under it (see shared/spec/sbg-v2-files.md §3). */
public final class FileRoutes {
    private static final String FILE = "/v2/files/{id}";
    private final NamespaceService namespace;
    private final Auth auth;
    private final Hrefs hrefs;
    private final SbFileViews views;

    public FileRoutes(NamespaceService namespace, Auth auth, Hrefs hrefs, SbFileViews views) {
        this.namespace = namespace;
        this.auth = auth;
        this.hrefs = hrefs;
        this.views = views;
    }

    public void register(RouteTable routes) {
        // The fixed path /v2/files/scroll goes before /v2/files/{id}, which would match it too.
        routes.get("/v2/files/scroll", this::scroll)
                .get("/v2/files", this::list)
                .post("/v2/files", this::createFolder)
                .get(FILE, this::get)
                .patch(FILE, this::update)
                .delete(FILE, this::delete)
                .get(FILE + "/metadata", this::metadata)
                .patch(FILE + "/metadata", this::patchMetadata)
                .put(FILE + "/metadata", this::replaceMetadata)
                .put(FILE + "/tags", this::replaceTags)
                .post(FILE + "/actions/copy", this::copy)
                .post(FILE + "/actions/move", this::move)
                .get(FILE + "/list", this::listFolder)
                .get(FILE + "/scroll", this::scrollFolder)
                .get(FILE + "/download_info", this::downloadInfo)
                .get("/v2/projects/{owner}/{slug}/files", this::listProject);
    }

    // ---- listings -----------------------------------------------------------------------

    private void list(Context ctx) {
        Principal p = auth.principal(ctx);
        QueryString q = QueryString.of(ctx);
        offsetPage(ctx, p, "/files", q, FileQuery.container(q));
    }

    private void listFolder(Context ctx) {
        Principal p = auth.principal(ctx);
        String id = ctx.pathParam("id");
        offsetPage(ctx, p, "/files/" + id + "/list", QueryString.of(ctx), new Container.Folder(id));
    }

    /** The alias the docs name: GET /projects/{owner}/{slug}/files is GET /files?project=owner/slug. */
    private void listProject(Context ctx) {
        Principal p = auth.principal(ctx);
        ProjectRef ref = ProjectRoutes.ref(ctx);
        offsetPage(ctx, p, "/projects/" + ref.id() + "/files", QueryString.of(ctx), new Container.ProjectRoot(ref));
    }

    private void offsetPage(Context ctx, Principal p, String path, QueryString q, Container container) {
        long offset = FileQuery.offset(q);
        int limit = FileQuery.limit(q);
        Page<Located> page = namespace.list(p, container, FileQuery.filter(q), offset, limit, views.statuses());
        SbList.offsetPage(ctx, hrefs, path, q.without("offset", "limit"), views.filesAsRead(page.items()), offset, limit,
                page.total());
    }

    private void scroll(Context ctx) {
        Principal p = auth.principal(ctx);
        QueryString q = QueryString.of(ctx);
        scrollPage(ctx, p, "/files/scroll", q, FileQuery.container(q));
    }

    private void scrollFolder(Context ctx) {
        Principal p = auth.principal(ctx);
        String id = ctx.pathParam("id");
        scrollPage(ctx, p, "/files/" + id + "/scroll", QueryString.of(ctx), new Container.Folder(id));
    }

    private void scrollPage(Context ctx, Principal p, String path, QueryString q, Container container) {
        if (q.has("offset")) {
            throw UserException.invalid("a scroll continues by 'token', not 'offset'; start with token=init");
        }
        FileFilter filter = FileQuery.filter(q);
        if (filter.hasMetadata()) {
            throw UserException.invalid("a scroll cannot filter by metadata; use GET /files with offset paging");
        }
        if (!filter.order().isDefault()) {
            throw UserException.invalid("a scroll lists in name order; use GET /files with offset paging to sort");
        }
        String token = q.last("token") == null ? ScrollToken.INIT : q.last("token");
        int limit = FileQuery.limit(q);
        ScrollPage page = namespace.scroll(p, container, filter, token, limit, views.statuses());
        SbList.scrollPage(ctx, hrefs, path, q.without("token", "limit"), views.filesAsRead(page.items()), token,
                page.nextToken(), limit, page.total());
    }

    // ---- one file ---------------------------------------------------------------------------

    private void get(Context ctx) {
        Principal p = auth.principal(ctx);
        ctx.json(views.fileAsRead(namespace.get(p, ctx.pathParam("id"), views.statuses())));
    }

    /** PATCH /files/{id}: a rename, and (as the docs allow) the whole metadata and the tags replaced (§12.6). */
    private void update(Context ctx) {
        Principal p = auth.principal(ctx);
        JsonNode body = SbBodies.object(Json.tree(ctx));
        FileEdit edit = new FileEdit(ctx.pathParam("id"), SbBodies.text(body, "name"),
                SbBodies.metadata(body.path("metadata")), SbBodies.tags(body.path("tags")), null);
        ctx.json(views.file(namespace.edit(p, edit, FileEdit.Mode.PATCH)));
    }

    /** {@code recursive=true} (a SeqVault extension) deletes a folder with everything in it, as one trash item. */
    private void delete(Context ctx) {
        Principal p = auth.principal(ctx);
        boolean recursive = Params.bool(ctx.queryParam("recursive"), "recursive", false);
        namespace.delete(p, ctx.pathParam("id"), recursive);
        ctx.status(204);
    }

    private void metadata(Context ctx) {
        Principal p = auth.principal(ctx);
        ctx.json(namespace.metadata(p, ctx.pathParam("id")).values());
    }

    private void patchMetadata(Context ctx) {
        Principal p = auth.principal(ctx);
        ctx.json(namespace.patchMetadata(p, ctx.pathParam("id"), metadataBody(ctx)).values());
    }

    private void replaceMetadata(Context ctx) {
        Principal p = auth.principal(ctx);
        ctx.json(namespace.replaceMetadata(p, ctx.pathParam("id"), metadataBody(ctx)).values());
    }

    private void replaceTags(Context ctx) {
        Principal p = auth.principal(ctx);
        var tags = SbBodies.tags(Json.tree(ctx));
        if (tags == null) {
            throw new UserException(Problem.INVALID_TAGS, "the body must be a JSON array of tags");
        }
        ctx.json(namespace.replaceTags(p, ctx.pathParam("id"), tags).values());
    }

    /**
     * A name taken in the target gives the copy {@code _1_name} (the smallest free number), as the
     * platform does; {@code on_clash=fail} (a SeqVault extension, which its SDK uses) refuses it instead.
     */
    private void copy(Context ctx) {
        Principal p = auth.principal(ctx);
        boolean rename = renameOnClash(ctx.queryParam("on_clash"));
        JsonNode body = SbBodies.object(Json.tree(ctx));
        Located copy = namespace.copy(p, ctx.pathParam("id"), target(body), SbBodies.text(body, "name"), rename);
        ctx.json(views.file(copy));
    }

    private static boolean renameOnClash(String onClash) {
        if (onClash == null || onClash.equalsIgnoreCase("rename")) {
            return true;
        }
        if (onClash.equalsIgnoreCase("fail")) {
            return false;
        }
        throw UserException.invalid("'on_clash' must be \"rename\" (the default) or \"fail\"");
    }

    private void move(Context ctx) {
        Principal p = auth.principal(ctx);
        JsonNode body = SbBodies.object(Json.tree(ctx));
        Located moved = namespace.move(p, ctx.pathParam("id"), target(body), SbBodies.text(body, "name"));
        ctx.json(views.file(moved));
    }

    /** POST /files with {"type": "folder"}: the only kind of node this call creates. */
    private void createFolder(Context ctx) {
        Principal p = auth.principal(ctx);
        JsonNode body = SbBodies.object(Json.tree(ctx));
        String type = SbBodies.text(body, "type");
        if (type == null || !type.equalsIgnoreCase("folder")) {
            throw new UserException(Problem.INVALID_TYPE, "'type' must be \"folder\"; files are created by upload or copy");
        }
        ctx.json(views.file(namespace.createFolder(p, target(body), SbBodies.text(body, "name"))));
    }

    private void downloadInfo(Context ctx) {
        Principal p = auth.principal(ctx);
        ctx.json(Map.of("url", namespace.downloadLink(p, ctx.pathParam("id")).url()));
    }

    // ---- helpers ----------------------------------------------------------------------------

    /** The folder a body names by exactly one of "project" (its root) and "parent". */
    static Container target(JsonNode body) {
        String project = SbBodies.text(body, "project");
        String parent = SbBodies.text(body, "parent");
        if (project != null && parent != null) {
            throw new UserException(Problem.PROJECT_AND_PARENT, "give either 'project' or 'parent', not both");
        }
        if (project == null && parent == null) {
            throw new UserException(Problem.NO_PROJECT_OR_PARENT, "give 'project' (owner/name) or 'parent' (a folder id)");
        }
        return project != null ? new Container.ProjectRoot(ProjectRef.parse(project)) : new Container.Folder(parent);
    }

    private static Map<String, String> metadataBody(Context ctx) {
        Map<String, String> values = SbBodies.metadata(Json.tree(ctx));
        return values == null ? Map.of() : values;
    }
}
