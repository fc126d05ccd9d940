package org.seqvault.api;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.json.JavalinJackson;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.DetectorConnectionFactory;
import org.eclipse.jetty.server.ForwardedRequestCustomizer;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.seqvault.api.RouteTable.Guard;
import org.seqvault.api.admin.AdminRoutes;
import org.seqvault.api.admin.AuditRoutes;
import org.seqvault.api.admin.ExtractionRoutes;
import org.seqvault.api.admin.QuotaRoutes;
import org.seqvault.api.blob.BlobRoutes;
import org.seqvault.api.drs.DrsRoutes;
import org.seqvault.api.error.Errors;
import org.seqvault.api.error.JettyErrors;
import org.seqvault.api.htsget.HtsgetRoutes;
import org.seqvault.api.http.Auth;
import org.seqvault.api.http.IgnoredBodies;
import org.seqvault.api.http.Json;
import org.seqvault.api.http.RequestIds;
import org.seqvault.api.ops.AccessLog;
import org.seqvault.api.ops.MetricsPage;
import org.seqvault.api.ops.RequestMetrics;
import org.seqvault.api.ops.RequestObserver;
import org.seqvault.api.tls.CertificateReloader;
import org.seqvault.api.tls.PlainHttpRedirect;
import org.seqvault.api.tls.TlsSettings;
import org.seqvault.api.v1.V1AccountRoutes;
import org.seqvault.api.v1.V1FileRoutes;
import org.seqvault.api.v2.AsyncJobRoutes;
import org.seqvault.api.v2.BulkFileRoutes;
import org.seqvault.api.v2.FileRoutes;
import org.seqvault.api.v2.Hrefs;
import org.seqvault.api.v2.ProjectRoutes;
import org.seqvault.api.v2.RateLimitRoutes;
import org.seqvault.api.v2.SbFileViews;
import org.seqvault.service.extract.ExtractionStatuses;
import org.seqvault.api.v2.TrashRoutes;
import org.seqvault.api.v2.UploadRoutes;
import org.seqvault.api.web.WebAssets;
import org.seqvault.service.file.NamespaceService;

/** Builds the HTTP application: every dialect's routes, one error mapping, request ids. */
public final class HttpApi {
    /** Platform threads for Jetty's acceptor, selectors and housekeeping; requests run on virtual threads. */
    static final int PLATFORM_THREADS = 32;
    /** Request line plus headers; larger requests are answered 431. */
    public static final int MAX_REQUEST_HEADER_BYTES = 16 * 1024;
    /** Socket read buffer per connection while it reads (Jetty pools buffers up to 64 KiB). */
    static final int NETWORK_INPUT_BUFFER_BYTES = 64 * 1024;
    /**
     * Connections the kernel may hold for the acceptor. The JDK's default, 50, overflows when
     * hundreds of clients connect at once on a busy machine; the kernel then answers a
     * connection's first request with a reset (seen in the load test). Linux caps it at
     * net.core.somaxconn.
     */
    static final int ACCEPT_BACKLOG = 4096;
    /**
     * Javalin copies a result (every JSON answer) into the response through a buffer of this size,
     * allocated per request; its default, Jetty's 32 KiB output buffer size, was over a third of
     * what a GET /v2/files/{id} allocated. Jetty still buffers the response itself as before.
     */
    static final int RESULT_COPY_BUFFER_BYTES = 8 * 1024;

    /** HTTP/2 flow-control windows: large enough that one upload stream is not throttled by them on a fast link. */
    static final int H2_SESSION_WINDOW_BYTES = 16 * 1024 * 1024;
    static final int H2_STREAM_WINDOW_BYTES = 8 * 1024 * 1024;

    private final Javalin app;
    private final List<RouteTable.Route> routes;
    private final CertificateReloader tls;

    private HttpApi(Javalin app, List<RouteTable.Route> routes, CertificateReloader tls) {
        this.app = app;
        this.routes = routes;
        this.tls = tls;
    }

    /**
     * @param settings listen address, drain time and the connection idle timeout
     * @param metrics  the registry behind GET /metrics, where every request is also counted
     */
    public static HttpApi create(ApiServices services, Health health, HttpSettings settings, MetricsPage metrics) {
        Auth auth = new Auth(services.identity(), services.rateLimiter(), services.authFailures());
        RequestObserver observer = new RequestObserver(new RequestMetrics(metrics.registry()), new AccessLog());
        CertificateReloader tls = settings.tls() == null ? null : CertificateReloader.start(settings.tls());
        RouteTable[] table = new RouteTable[1];
        Javalin app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.jetty.addConnector((server, http) -> connector(server, http, settings, tls));
            config.jetty.threadPool = threadPool();
            config.http.prefer405over404 = true;
            config.http.maxRequestSize = Json.MAX_BODY_BYTES;
            config.http.responseBufferSize = RESULT_COPY_BUFFER_BYTES;
            config.router.ignoreTrailingSlashes = true;
            config.startup.showJavalinBanner = false;
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(settings.drainMillis());
                server.setErrorHandler(new JettyErrors());
                server.setRequestLog(observer);
            });
            config.jetty.modifyHttpConfiguration(http -> {
                http.setSendServerVersion(false);
                http.setRequestHeaderSize(MAX_REQUEST_HEADER_BYTES);
                // A request that has sent only its headers takes no thread until its body starts to arrive.
                http.setDelayDispatchUntilContent(true);
            });
            config.requestLogger.http(observer.routeRecorder());
            if (tls != null && settings.tls().plainHttp() == TlsSettings.PlainHttp.REDIRECT) {
                config.routes.before(PlainHttpRedirect::handle);
            }
            config.routes.before(RequestIds::assign);
            config.routes.before(IgnoredBodies::drain);
            config.routes.before(HtsgetRoutes.BASE + "/*", HtsgetRoutes::cors);
            config.routes.before("/_blob/dl/*", HtsgetRoutes::blockCors);
            Errors.install(config.routes);
            RouteTable routes = new RouteTable(config.routes);
            routes.add(HandlerType.GET, "/healthz", Guard.PUBLIC, health::handle);
            routes.add(HandlerType.GET, OpenApi.PATH, Guard.PUBLIC, OpenApi::serve);
            routes.get("/metrics", ctx -> metrics.handleForAdmins(ctx, auth));
            new V1FileRoutes(services, auth).register(routes);
            new V1AccountRoutes(services, auth).register(routes);
            new AdminRoutes(services, auth).register(routes);
            new AuditRoutes(services.audit(), auth).register(routes);
            new QuotaRoutes(services, auth).register(routes);
            new ExtractionRoutes(services, auth).register(routes);
            new ProjectRoutes(services, auth).register(routes);
            new BlobRoutes(services).register(routes);
            registerV2Files(services, auth, routes);
            new DrsRoutes(services.drs(), auth, services.publicUrl()).register(routes);
            new HtsgetRoutes(services.htsget(), auth, services.publicUrl()).register(routes);
            WebAssets.register(routes, services.blobStore().browserOrigin());
            table[0] = routes;
        });
        return new HttpApi(app, table[0].routes(), tls);
    }

    /** The Seven Bridges files API: files, folders, bulk calls, async jobs, multipart uploads, rate limit; and the trash. */
    private static void registerV2Files(ApiServices services, Auth auth, RouteTable routes) {
        NamespaceService namespace = services.namespace();
        Hrefs hrefs = new Hrefs(services.publicUrl());
        SbFileViews files = new SbFileViews(hrefs,
                services.extraction() == null ? ExtractionStatuses.NONE : services.extraction());
        new FileRoutes(namespace, auth, hrefs, files).register(routes);
        new BulkFileRoutes(namespace, auth, hrefs, files).register(routes);
        new UploadRoutes(services.uploads(), services.projects(), namespace, auth, hrefs, files).register(routes);
        new RateLimitRoutes(auth, services.clock()).register(routes);
        new TrashRoutes(services.trash(), auth, hrefs, files).register(routes);
        new AsyncJobRoutes(services.jobs(), auth, hrefs, files).register(routes);
    }

    public HttpApi start() {
        app.start();
        return this;
    }

    public void stop() {
        app.stop();
        if (tls != null) {
            tls.close();
        }
    }

    /** The port actually bound (useful when 0 was asked). */
    public int port() {
        return app.port();
    }

    /** Every route the server has, for tests that must cover them all. */
    public List<RouteTable.Route> routes() {
        return routes;
    }

    /**
     * Jetty's platform threads accept and select; every request runs on a virtual thread of its
     * own. A request blocked reading a body that does not come (a stalled or malicious client)
     * then parks a virtual thread instead of holding one of a bounded pool's platform threads, so
     * stalled uploads cannot starve everyone else until their idle timeout ends them.
     */
    private static QueuedThreadPool threadPool() {
        QueuedThreadPool pool = new QueuedThreadPool(PLATFORM_THREADS);
        pool.setName("seqvault-http");
        pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("seqvault-request-"));
        return pool;
    }

    /**
     * The one listening connector. Its idle timeout closes connections that stall, mid-request or
     * between requests. With TLS it speaks HTTP/2 to clients that offer it (ALPN) and HTTP/1.1 to the
     * rest; plain HTTP on the same port is detected and redirected, or not accepted at all.
     */
    private static ServerConnector connector(Server server, HttpConfiguration http, HttpSettings settings,
                                             CertificateReloader tls) {
        if (settings.forwardedHeaders()) {
            // Behind a reverse proxy: the client's address and scheme come from Forwarded / X-Forwarded-*.
            http.addCustomizer(new ForwardedRequestCustomizer());
        }
        HttpConnectionFactory http1 = new HttpConnectionFactory(http);
        // Upload bodies are read from the socket in buffers of this size: 8 KiB (the default) cost a
        // syscall and a thread wake-up per 8 KiB, over 130,000 of each per GiB (see BENCHMARKS.md).
        http1.setInputBufferSize(NETWORK_INPUT_BUFFER_BYTES);
        ServerConnector connector = tls == null ? new ServerConnector(server, http1)
                : tlsConnector(server, http, http1, tls, settings.tls().plainHttp());
        connector.setHost(settings.host());
        connector.setPort(settings.port());
        connector.setIdleTimeout(settings.idleTimeout().toMillis());
        connector.setAcceptQueueSize(ACCEPT_BACKLOG);
        return connector;
    }

    private static ServerConnector tlsConnector(Server server, HttpConfiguration http, HttpConnectionFactory http1,
                                                CertificateReloader tls, TlsSettings.PlainHttp plainHttp) {
        // No SNI host check: a self-hosted server is reached under names its certificate may not list.
        http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
        h2.setInitialSessionRecvWindow(H2_SESSION_WINDOW_BYTES);
        h2.setInitialStreamRecvWindow(H2_STREAM_WINDOW_BYTES);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(h2.getProtocol(), http1.getProtocol());
        alpn.setDefaultProtocol(http1.getProtocol());
        SslConnectionFactory ssl = new SslConnectionFactory(tls.context(), alpn.getProtocol());
        if (plainHttp == TlsSettings.PlainHttp.REDIRECT) {
            // Bytes that are not a TLS handshake go to the factory after the detector: plain HTTP/1.1.
            return new ServerConnector(server, new DetectorConnectionFactory(ssl), http1, alpn, h2);
        }
        return new ServerConnector(server, ssl, alpn, h2, http1);
    }

    /**
     * Listen address, shutdown drain time, how long a connection may stay silent before it is
     * closed (a client that opens uploads and sends nothing must not hold them for long), HTTPS (or
     * null for plain HTTP), and whether to believe a reverse proxy's Forwarded / X-Forwarded-* headers.
     */
    public record HttpSettings(String host, int port, long drainMillis, Duration idleTimeout, TlsSettings tls,
                               boolean forwardedHeaders) {
        public HttpSettings {
            if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) {
                throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
            }
        }

        /** Plain HTTP, no proxy headers. */
        public HttpSettings(String host, int port, long drainMillis, Duration idleTimeout) {
            this(host, port, drainMillis, idleTimeout, null, false);
        }
    }
}
