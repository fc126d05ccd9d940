package org.seqvault.api.v2;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.seqvault.api.ApiServices;
import org.seqvault.api.RouteTable;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Json;
import org.seqvault.api.http.Params;
import org.seqvault.domain.Member;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.ProjectStorage;
import org.seqvault.domain.UserException;
import org.seqvault.domain.Username;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.support.Page;

/** Projects, members and the current user, in the Seven Bridges v2 shapes. */
public final class ProjectRoutes {
    private static final String PROJECT = "/v2/projects/{owner}/{slug}";
    private final ApiServices s;
    private final Auth auth;
    private final Hrefs hrefs;
    private final SbViews views;

    public ProjectRoutes(ApiServices services, Auth auth) {
        this.s = services;
        this.auth = auth;
        this.hrefs = new Hrefs(services.publicUrl());
        this.views = new SbViews(hrefs);
    }

    public void register(RouteTable routes) {
        routes.get("/v2/user", this::me)
                .post("/v2/projects", this::create)
                .get("/v2/projects", this::list)
                .get(PROJECT, this::get)
                .patch(PROJECT, this::update)
                .delete(PROJECT, this::delete)
                .get(PROJECT + "/members", this::members)
                .post(PROJECT + "/members", this::addMember)
                .get(PROJECT + "/members/{username}", this::member)
                .patch(PROJECT + "/members/{username}", this::updateMember)
                .delete(PROJECT + "/members/{username}", this::removeMember);
    }

    static ProjectRef ref(Context ctx) {
        return ProjectRef.parse(ctx.pathParam("owner") + "/" + ctx.pathParam("slug"));
    }

    private void me(Context ctx) {
        Principal p = auth.principal(ctx);
        ctx.json(views.user(p.user()));
    }

    private void create(Context ctx) {
        Principal p = auth.principal(ctx);
        JsonNode body = SbBodies.object(Json.tree(ctx));
        Project project = s.projects().create(p, SbBodies.text(body, "name"), SbBodies.text(body, "description"),
                Boolean.TRUE.equals(bool(body, "public")));
        ctx.status(201).json(project(project));
    }

    private void list(Context ctx) {
        Principal p = auth.principal(ctx);
        int offset = Params.integer(ctx, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = Math.min(Params.integer(ctx, "limit", 50, Integer.MIN_VALUE, Integer.MAX_VALUE), 100);
        if (limit <= 0) {
            limit = 50;
        }
        Page<Project> page = s.projects().list(p, offset, limit);
        Map<String, ProjectStorage> storage = s.quotas().of(page.items());
        SbList.offsetPage(ctx, hrefs, "/projects", List.of(),
                page.items().stream().map(pr -> views.project(pr, storage.get(pr.id()))).toList(), offset, limit,
                page.total());
    }

    private void get(Context ctx) {
        Principal p = auth.principal(ctx);
        ctx.json(project(s.projects().get(p, ref(ctx))));
    }

    private void update(Context ctx) {
        Principal p = auth.principal(ctx);
        JsonNode body = SbBodies.object(Json.tree(ctx));
        Project project = s.projects().update(p, ref(ctx), SbBodies.text(body, "name"), SbBodies.text(body, "description"),
                bool(body, "public"));
        ctx.json(project(project));
    }

    /** A project the caller was given by the project service, with its usage and quota. */
    private Map<String, Object> project(Project project) {
        return views.project(project, s.quotas().of(project));
    }

    private void delete(Context ctx) {
        Principal p = auth.principal(ctx);
        s.projects().delete(p, ref(ctx));
        ctx.status(204);
    }

    private void members(Context ctx) {
        Principal p = auth.principal(ctx);
        ProjectRef ref = ref(ctx);
        Project project = s.projects().get(p, ref);
        List<Member> members = s.projects().members(p, ref);
        List<Map<String, Object>> items = members.stream().map(m -> views.member(project, m)).toList();
        SbList.offsetPage(ctx, hrefs, "/projects/" + ref.id() + "/members", List.of(), items, 0,
                Math.max(items.size(), 1), items.size());
    }

    private void member(Context ctx) {
        Principal p = auth.principal(ctx);
        ProjectRef ref = ref(ctx);
        Project project = s.projects().get(p, ref);
        ctx.json(views.member(project, s.projects().member(p, ref, new Username(ctx.pathParam("username")))));
    }

    private void addMember(Context ctx) {
        Principal p = auth.principal(ctx);
        ProjectRef ref = ref(ctx);
        JsonNode body = SbBodies.object(Json.tree(ctx));
        String username = SbBodies.text(body, "username");
        if (username == null) {
            throw UserException.invalid("'username' is required");
        }
        Permissions perms = permissions(body.path("permissions"), new Permissions(true, false, false, false, false));
        Member m = s.projects().putMember(p, ref, new Username(username), perms, true);
        ctx.status(201).json(views.member(s.projects().get(p, ref), m));
    }

    private void updateMember(Context ctx) {
        Principal p = auth.principal(ctx);
        ProjectRef ref = ref(ctx);
        Username username = new Username(ctx.pathParam("username"));
        JsonNode body = SbBodies.object(Json.tree(ctx));
        JsonNode perms = body.has("permissions") ? body.path("permissions") : body;
        Member current = s.projects().member(p, ref, username);
        Member m = s.projects().putMember(p, ref, username, permissions(perms, current.permissions()), false);
        ctx.json(views.member(s.projects().get(p, ref), m));
    }

    private void removeMember(Context ctx) {
        Principal p = auth.principal(ctx);
        s.projects().removeMember(p, ref(ctx), new Username(ctx.pathParam("username")));
        ctx.status(204);
    }

    /** Permissions from JSON, each flag falling back to {@code base} when absent. */
    private static Permissions permissions(JsonNode node, Permissions base) {
        if (!node.isObject() && !node.isMissingNode() && !node.isNull()) {
            throw UserException.invalid("'permissions' must be an object of booleans");
        }
        return new Permissions(flag(node, "read", base.read()), flag(node, "write", base.write()),
                flag(node, "copy", base.copy()), flag(node, "execute", base.execute()), flag(node, "admin", base.admin()));
    }

    private static boolean flag(JsonNode node, String name, boolean dflt) {
        JsonNode v = node.path(name);
        if (v.isMissingNode() || v.isNull()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw UserException.invalid("permission '" + name + "' must be true or false");
        }
        return v.booleanValue();
    }

    static Boolean bool(JsonNode body, String field) {
        JsonNode v = body.path(field);
        if (v.isMissingNode() || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw UserException.invalid("'" + field + "' must be true or false");
        }
        return v.booleanValue();
    }
}
