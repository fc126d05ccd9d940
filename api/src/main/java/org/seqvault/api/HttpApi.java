package org.seqvault.api;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.util.List;
import org.seqvault.api.RouteTable.Guard;
import org.seqvault.api.admin.AdminRoutes;
import org.seqvault.api.blob.BlobRoutes;
import org.seqvault.api.error.Errors;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.IgnoredBodies;
import org.seqvault.api.http.Json;
import org.seqvault.api.http.RequestIds;
import org.seqvault.api.v1.V1AccountRoutes;
import org.seqvault.api.v1.V1FileRoutes;
import org.seqvault.api.v2.BulkFileRoutes;
import org.seqvault.api.v2.FileRoutes;
import org.seqvault.api.v2.Hrefs;
import org.seqvault.api.v2.ProjectRoutes;
import org.seqvault.api.v2.RateLimitRoutes;
import org.seqvault.api.v2.UploadRoutes;
import org.seqvault.service.file.NamespaceService;

/** Builds the HTTP application: every dialect's routes, one error mapping, request ids. */
public final class HttpApi {
    private final Javalin app;
    private final List<RouteTable.Route> routes;

    private HttpApi(Javalin app, List<RouteTable.Route> routes) {
        this.app = app;
        this.routes = routes;
    }

    /**
     * @param settings listen address and Jetty limits
     */
    public static HttpApi create(ApiServices services, Health health, HttpSettings settings) {
        Auth auth = new Auth(services.identity(), services.rateLimiter());
        RouteTable[] table = new RouteTable[1];
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = Json.MAX_BODY_BYTES;
            config.router.ignoreTrailingSlashes = true;
            config.startup.showJavalinBanner = false;
            config.jetty.modifyServer(server -> server.setStopTimeout(settings.drainMillis()));
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setRequestHeaderSize(16 * 1024);
            });
            config.routes.before(RequestIds::assign);
            config.routes.before(IgnoredBodies::drain);
            Errors.install(config.routes);
            RouteTable routes = new RouteTable(config.routes);
            routes.add(HandlerType.GET, "/healthz", Guard.PUBLIC, health::handle);
            new V1FileRoutes(services, auth).register(routes);
            new V1AccountRoutes(services, auth).register(routes);
            new AdminRoutes(services, auth).register(routes);
            new ProjectRoutes(services, auth).register(routes);
            new BlobRoutes(services).register(routes);
            registerV2Files(services, auth, routes);
            table[0] = routes;
        });
        return new HttpApi(app, table[0].routes());
    }

    /** The Seven Bridges files API: files, folders, bulk calls, multipart uploads, rate limit. */
    private static void registerV2Files(ApiServices services, Auth auth, RouteTable routes) {
        NamespaceService namespace = services.namespace();
        Hrefs hrefs = new Hrefs(services.publicUrl());
        new FileRoutes(namespace, auth, hrefs).register(routes);
        new BulkFileRoutes(namespace, auth, hrefs).register(routes);
        new UploadRoutes(services.uploads(), services.projects(), namespace, auth, hrefs).register(routes);
        new RateLimitRoutes(auth, services.clock()).register(routes);
    }

    public HttpApi start() {
        app.start();
        return this;
    }

    public void stop() {
        app.stop();
    }

    /** The port actually bound (useful when 0 was asked). */
    public int port() {
        return app.port();
    }

    /** Every route the server has, for tests that must cover them all. */
    public List<RouteTable.Route> routes() {
        return routes;
    }

    /** Listen address and shutdown drain time. */
    public record HttpSettings(String host, int port, long drainMillis) {
    }
}
