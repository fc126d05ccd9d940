package org.seqvault.api.v1;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.api.ApiServices;
import org.seqvault.api.RouteTable;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Json;
import org.seqvault.api.http.Params;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectStorage;
import org.seqvault.domain.Scopes;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.IssuedToken;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.project.WorkspaceListing;

/** The caller's own tokens and workspaces under /v1. */
public final class V1AccountRoutes {
    private final ApiServices s;
    private final Auth auth;

    public V1AccountRoutes(ApiServices services, Auth auth) {
        this.s = services;
        this.auth = auth;
    }

    public void register(RouteTable routes) {
        routes.post("/v1/tokens", this::createToken)
                .get("/v1/tokens", this::listTokens)
                .delete("/v1/tokens/{id}", this::revokeToken)
                .get("/v1/workspaces", this::listWorkspaces)
                .post("/v1/workspaces", this::createWorkspace);
    }

    /** The body of both token-creating calls; {@code username} only matters to the admin call. */
    public record TokenRequest(String username, List<String> scopes, @JsonProperty("expires_in") Long expiresIn,
                               String description) {
        public Scopes parsedScopes() {
            if (scopes == null) {
                throw UserException.invalid("'scopes' is required: a list of files, projects, tokens, admin");
            }
            return Scopes.parse(scopes);
        }
    }

    private void createToken(Context ctx) {
        Principal p = auth.principal(ctx);
        TokenRequest req = Json.body(ctx, TokenRequest.class);
        IssuedToken issued = s.identity().issueOwn(p, req.parsedScopes(), req.expiresIn(), req.description());
        ctx.status(201).json(V1Views.issued(issued));
    }

    private void listTokens(Context ctx) {
        Principal p = auth.principal(ctx);
        var tokens = s.identity().ownTokens(p).stream().map(t -> V1Views.token(t, p.user())).toList();
        ctx.json(Map.of("tokens", tokens));
    }

    private void revokeToken(Context ctx) {
        Principal p = auth.principal(ctx);
        s.identity().revoke(p, ctx.pathParam("id"));
        ctx.status(204);
    }

    private void listWorkspaces(Context ctx) {
        Principal p = auth.principal(ctx);
        int limit = Params.integer(ctx, "limit", 100, 1, 1000);
        WorkspaceListing page = s.projects().listAfter(p, ctx.queryParam("cursor"), limit);
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, ProjectStorage> storage = s.quotas().of(page.workspaces());
        body.put("workspaces", page.workspaces().stream().map(w -> V1Views.workspace(w, storage.get(w.id()))).toList());
        body.put("next_cursor", page.nextCursor());
        ctx.json(body);
    }

    record WorkspaceRequest(String name, String description) {
    }

    private void createWorkspace(Context ctx) {
        Principal p = auth.principal(ctx);
        WorkspaceRequest req = Json.body(ctx, WorkspaceRequest.class);
        Project project = s.projects().create(p, req.name(), req.description(), false);
        ctx.status(201).json(V1Views.workspace(project, s.quotas().of(project)));
    }
}
