package org.seqvault.api.v2;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;
import org.seqvault.api.ApiServices;
import org.seqvault.api.RouteTable;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Json;
import org.seqvault.domain.Member;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectDetails;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.ProjectStorage;
import org.seqvault.domain.Tags;
import org.seqvault.domain.UserException;
import org.seqvault.domain.Username;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.port.ProjectFilter;
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
                .get("/v2/users/{username}", this::user)
                .post("/v2/projects", this::create)
                .get("/v2/projects", this::list)
                .get("/v2/projects/{owner}", this::listOwned)
                .get(PROJECT, this::get)
                .patch(PROJECT, this::update)
                .delete(PROJECT, this::delete)
                .get(PROJECT + "/members", this::members)
                .post(PROJECT + "/members", this::addMember)
                .get(PROJECT + "/members/{username}", this::member)
                .patch(PROJECT + "/members/{username}", this::updateMember)
                .patch(PROJECT + "/members/{username}/permissions", this::updatePermissions)
                .delete(PROJECT + "/members/{username}", this::removeMember);
    }

    static ProjectRef ref(Context ctx) {
        return ProjectRef.parse(ctx.pathParam("owner") + "/" + ctx.pathParam("slug"));
    }

    private void me(Context ctx) {
        Principal p = auth.principal(ctx);
        ctx.json(views.user(p.user()));
    }

    /** GET /users/{username}: the caller themself (what {@code user.reload()} fetches), or anyone to an admin. */
    private void user(Context ctx) {
        Principal p = auth.principal(ctx);
        ctx.json(views.user(s.identity().visibleUser(p, new Username(ctx.pathParam("username")))));
    }

    /** POST /projects {"name", "description"?, "tags"?, "settings"?, "billing_group"? (ignored: no billing here)}. */
    private void create(Context ctx) {
        Principal p = auth.principal(ctx);
        JsonNode body = SbBodies.object(Json.tree(ctx));
        JsonNode settings = settings(body);
        ProjectDetails details = new ProjectDetails(new Tags(SbBodies.tags(body.path("tags"))),
                settings == null ? null : settings.toString());
        Project project = s.projects().create(p, SbBodies.text(body, "name"), SbBodies.text(body, "description"),
                Boolean.TRUE.equals(bool(body, "public")), details);
        ctx.status(201).json(project(project));
    }

    /** GET /projects[?name=…][&tags=…]…: the projects the caller can read, filtered (§12.4). */
    private void list(Context ctx) {
        listPage(ctx, "/projects", null);
    }

    /** GET /projects/{owner}: the owner's projects the caller can read (none: an empty list, whoever the owner is). */
    private void listOwned(Context ctx) {
        String owner = ctx.pathParam("owner");
        listPage(ctx, "/projects/" + owner, new Username(owner));
    }

    private void listPage(Context ctx, String path, Username owner) {
        Principal p = auth.principal(ctx);
        QueryString q = QueryString.of(ctx);
        int offset = (int) FileQuery.offset(q);
        int limit = FileQuery.limit(q);
        ProjectFilter filter = new ProjectFilter(owner, q.last("name"), q.all("tags"));
        Page<Project> page = s.projects().list(p, filter, offset, limit);
        Map<String, ProjectStorage> storage = s.quotas().of(page.items());
        Map<String, ProjectDetails> details = s.projects().details(page.items());
        List<Map<String, Object>> items = page.items().stream()
                .map(pr -> views.project(pr, storage.get(pr.id()), details.getOrDefault(pr.id(), ProjectDetails.NONE)))
                .toList();
        SbList.offsetPage(ctx, hrefs, path, q.without("offset", "limit"), items, offset, limit, page.total());
    }

    private void get(Context ctx) {
        Principal p = auth.principal(ctx);
        ctx.json(project(s.projects().get(p, ref(ctx))));
    }

    /**
     * PATCH /projects/{o}/{p}: what is sent changes, the rest stays; {@code tags} replace the old ones,
     * {@code settings} keys are merged into the stored settings (as the client sends only those it changed).
     */
    private void update(Context ctx) {
        Principal p = auth.principal(ctx);
        JsonNode body = SbBodies.object(Json.tree(ctx));
        JsonNode settings = settings(body);
        Project project = s.projects().update(p, ref(ctx), SbBodies.text(body, "name"), SbBodies.text(body, "description"),
                bool(body, "public"), SbBodies.tags(body.path("tags")),
                settings == null ? null : stored -> merged(stored, (ObjectNode) settings));
        ctx.json(project(project));
    }

    /** A project the caller was given by the project service, with its usage, quota, tags and settings. */
    private Map<String, Object> project(Project project) {
        return views.project(project, s.quotas().of(project), s.projects().details(project));
    }

    /** The body's settings object; null when absent or null. */
    private static JsonNode settings(JsonNode body) {
        JsonNode settings = body.path("settings");
        if (settings.isMissingNode() || settings.isNull()) {
            return null;
        }
        if (!settings.isObject()) {
            throw UserException.invalid("'settings' must be a JSON object");
        }
        return settings;
    }

    /** The stored settings (JSON text) with the given keys set: a shallow merge. */
    private static String merged(String stored, ObjectNode given) {
        try {
            ObjectNode settings = (ObjectNode) Json.MAPPER.readTree(stored);
            settings.setAll(given);
            return settings.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored project settings are not JSON", e);
        }
    }

    private void delete(Context ctx) {
        Principal p = auth.principal(ctx);
        s.projects().delete(p, ref(ctx));
        ctx.status(204);
    }

    /** GET /projects/{o}/{p}/members[?offset&limit]: a page of members by username, with links and the total. */
    private void members(Context ctx) {
        Principal p = auth.principal(ctx);
        ProjectRef ref = ref(ctx);
        QueryString q = QueryString.of(ctx);
        int offset = (int) FileQuery.offset(q);
        int limit = FileQuery.limit(q);
        Project project = s.projects().get(p, ref);
        Page<Member> page = s.projects().members(p, ref, offset, limit);
        List<Map<String, Object>> items = page.items().stream().map(m -> views.member(project, m)).toList();
        SbList.offsetPage(ctx, hrefs, "/projects/" + ref.id() + "/members", q.without("offset", "limit"), items,
                offset, limit, page.total());
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

    /**
     * PATCH /projects/{o}/{p}/members/{u}/permissions (what {@code member.save()} sends): the flags
     * given change, the rest stay; the answer is the member's whole permissions object.
     */
    private void updatePermissions(Context ctx) {
        Principal p = auth.principal(ctx);
        ProjectRef ref = ref(ctx);
        Username username = new Username(ctx.pathParam("username"));
        JsonNode body = SbBodies.object(Json.tree(ctx));
        Member current = s.projects().member(p, ref, username);
        Member m = s.projects().putMember(p, ref, username, permissions(body, current.permissions()), false);
        ctx.json(SbViews.permissions(m.permissions()));
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
