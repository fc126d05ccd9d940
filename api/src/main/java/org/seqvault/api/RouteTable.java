package org.seqvault.api;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.ArrayList;
import java.util.List;

/**
 * Registers routes with Javalin and remembers them, so tests can walk every route the server
 * really has (an authorisation matrix no new route can escape).
 */
public final class RouteTable {
    /**
     * How a route authenticates: a token, a presigned URL, nothing, or a token where one is sent and
     * nothing for what public projects hold (DRS).
     */
    public enum Guard { TOKEN, SIGNED_URL, PUBLIC, TOKEN_OR_PUBLIC_PROJECTS }

    public record Route(HandlerType method, String path, Guard guard) {
    }

    private final RoutesConfig routes;
    private final List<Route> registered = new ArrayList<>();

    public RouteTable(RoutesConfig routes) {
        this.routes = routes;
    }

    public RouteTable add(HandlerType method, String path, Guard guard, Handler handler) {
        routes.addHttpHandler(method, path, handler);
        registered.add(new Route(method, path, guard));
        return this;
    }

    public RouteTable get(String path, Handler handler) {
        return add(HandlerType.GET, path, Guard.TOKEN, handler);
    }

    public RouteTable post(String path, Handler handler) {
        return add(HandlerType.POST, path, Guard.TOKEN, handler);
    }

    public RouteTable put(String path, Handler handler) {
        return add(HandlerType.PUT, path, Guard.TOKEN, handler);
    }

    public RouteTable patch(String path, Handler handler) {
        return add(HandlerType.PATCH, path, Guard.TOKEN, handler);
    }

    public RouteTable delete(String path, Handler handler) {
        return add(HandlerType.DELETE, path, Guard.TOKEN, handler);
    }

    public List<Route> routes() {
        return List.copyOf(registered);
    }
}
