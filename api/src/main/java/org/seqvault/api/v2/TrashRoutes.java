package org.seqvault.api.v2;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqvault.api.RouteTable;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Times;
import org.seqvault.api.http.UnreadBodies;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.TrashItem;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.file.TrashService;
import org.seqvault.service.port.TrashRepository;
import org.seqvault.service.support.Page;

/**
 * A project's trash, a SeqVault extension of the v2 API (docs/api-v2.md): list it (read), restore an
 * item (write), empty it (project admin). The Seven Bridges client never calls these paths.
 */
public final class TrashRoutes {
    private static final String TRASH = "/v2/projects/{owner}/{slug}/trash";
    private final TrashService trash;
    private final Auth auth;
    private final Hrefs hrefs;
    private final SbFileViews files;

    public TrashRoutes(TrashService trash, Auth auth, Hrefs hrefs, SbFileViews views) {
        this.trash = trash;
        this.auth = auth;
        this.hrefs = hrefs;
        this.files = views;
    }

    public void register(RouteTable routes) {
        routes.get(TRASH, this::list)
                .delete(TRASH, this::empty)
                .post(TRASH + "/{id}/restore", this::restore);
    }

    /** Offset pages like every v2 list, newest deletion first; {@code path} keeps the items that were there. */
    private void list(Context ctx) {
        Principal p = auth.principal(ctx);
        ProjectRef ref = ProjectRoutes.ref(ctx);
        QueryString q = QueryString.of(ctx);
        long offset = FileQuery.offset(q);
        int limit = FileQuery.limit(q);
        Page<TrashItem> page = trash.list(p, ref, q.last("path"), offset, limit);
        SbList.offsetPage(ctx, hrefs, trashPath(ref), q.without("offset", "limit"),
                page.items().stream().map(item -> item(ref, item)).toList(), offset, limit, page.total());
    }

    /**
     * 200 with the file or folder as it is now (its name may have become "_1_name"). A body (clients
     * send {} or null) is read and dropped, so the connection stays open for the next request.
     */
    private void restore(Context ctx) {
        Principal p = auth.principal(ctx);
        UnreadBodies.drain(ctx);
        ctx.json(files.file(trash.restore(p, ProjectRoutes.ref(ctx), ctx.pathParam("id"))));
    }

    /** 200 with what was emptied, so the caller can say how much went (a 204 would tell nothing). */
    private void empty(Context ctx) {
        Principal p = auth.principal(ctx);
        TrashRepository.Expired emptied = trash.empty(p, ProjectRoutes.ref(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", emptied.items());
        body.put("files", emptied.files());
        body.put("size", emptied.size());
        ctx.json(body);
    }

    private static Map<String, Object> item(ProjectRef project, TrashItem item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", item.id());
        m.put("name", item.name());
        m.put("type", item.type().wireName());
        m.put("path", item.path());
        m.put("project", project.id());
        m.put("parent", item.parentId());
        m.put("files", item.files());
        m.put("size", item.size());
        m.put("deleted_by", item.deletedBy());
        m.put("deleted_on", Times.format(item.trashedAt()));
        m.put("expires_on", Times.format(item.expiresAt()));
        return m;
    }

    private static String trashPath(ProjectRef ref) {
        return "/projects/" + ref.id() + "/trash";
    }
}
