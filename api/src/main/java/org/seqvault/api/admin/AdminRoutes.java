package org.seqvault.api.admin;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.javalin.http.Context;
import java.util.Map;
import org.seqvault.api.ApiServices;
import org.seqvault.api.RouteTable;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.Json;
import org.seqvault.api.v1.V1AccountRoutes.TokenRequest;
import org.seqvault.api.v1.V1Views;
import org.seqvault.domain.User;
import org.seqvault.domain.UserException;
import org.seqvault.domain.Username;
import org.seqvault.service.auth.IssuedToken;
import org.seqvault.service.auth.Principal;

/** Administration under /admin/v1: users and tokens for anyone. Needs the admin scope. */
public final class AdminRoutes {
    private final ApiServices s;
    private final Auth auth;

    public AdminRoutes(ApiServices services, Auth auth) {
        this.s = services;
        this.auth = auth;
    }

    public void register(RouteTable routes) {
        routes.post("/admin/v1/users", this::createUser)
                .get("/admin/v1/users", this::listUsers)
                .post("/admin/v1/tokens", this::createToken);
    }

    record UserRequest(String username, String email, @JsonProperty("first_name") String firstName,
                       @JsonProperty("last_name") String lastName) {
    }

    private void createUser(Context ctx) {
        Principal p = auth.principal(ctx);
        UserRequest req = Json.body(ctx, UserRequest.class);
        if (req.username() == null) {
            throw UserException.invalid("'username' is required");
        }
        User user = s.identity().createUser(p, new Username(req.username()), req.email(), req.firstName(), req.lastName());
        ctx.status(201).json(V1Views.user(user));
    }

    private void listUsers(Context ctx) {
        Principal p = auth.principal(ctx);
        ctx.json(Map.of("users", s.identity().listUsers(p).stream().map(V1Views::user).toList()));
    }

    private void createToken(Context ctx) {
        Principal p = auth.principal(ctx);
        TokenRequest req = Json.body(ctx, TokenRequest.class);
        if (req.username() == null) {
            throw UserException.invalid("'username' is required");
        }
        IssuedToken t = s.identity().issueFor(p, new Username(req.username()), req.parsedScopes(), req.expiresIn(),
                req.description());
        ctx.status(201).json(V1Views.issued(t));
    }
}
