package org.seqvault.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.seqvault.api.ApiServices;
import org.seqvault.api.Health;
import org.seqvault.api.HttpApi;
import org.seqvault.service.auth.IdentityService;
import org.seqvault.service.file.FileService;
import org.seqvault.service.file.NamespaceService;
import org.seqvault.service.gc.Collector;
import org.seqvault.service.limit.LocalRateLimitStore;
import org.seqvault.service.limit.RateLimiter;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.IdGenerator;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.presign.SigningKeys;
import org.seqvault.service.presign.UrlSigner;
import org.seqvault.service.project.ProjectService;
import org.seqvault.service.support.RandomIds;
import org.seqvault.service.upload.UploadService;
import org.seqvault.service.upload.UploadSettings;
import org.seqvault.store.fs.FsBlobStore;
import org.seqvault.store.sql.SqlMetadataStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the stores, services and HTTP API together with plain constructors, and runs them. */
public final class SeqVaultServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SeqVaultServer.class);
    private static final long MAX_FILE_SIZE = 5L << 40;
    private static final long DRAIN_MILLIS = 30_000;

    private final MetadataStore store;
    private final HttpApi http;
    private final Health health;
    private final ScheduledExecutorService background;
    private final String publicUrl;
    private final Collector collector;

    private SeqVaultServer(MetadataStore store, HttpApi http, Health health, ScheduledExecutorService background,
                           String publicUrl, Collector collector) {
        this.store = store;
        this.http = http;
        this.health = health;
        this.background = background;
        this.publicUrl = publicUrl;
        this.collector = collector;
    }

    /** Opens the stores, bootstraps an empty database, and starts serving. */
    public static SeqVaultServer start(ServerConfig cfg) {
        try {
            Files.createDirectories(cfg.dataDir());
            int port = cfg.port() == 0 ? freePort(cfg.bind()) : cfg.port();
            String publicUrl = cfg.publicUrl() != null ? stripSlash(cfg.publicUrl()) : "http://" + hostFor(cfg.bind()) + ":" + port;
            Clock clock = Clock.system();
            IdGenerator ids = new RandomIds();
            MetadataStore store = SqlMetadataStore.open(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword());
            UrlSigner signer = new UrlSigner(SigningKeys.of(SigningKeyFile.resolve(cfg.signingKey(), cfg.dataDir())));
            BlobStore blobs = openBlobStore(cfg.blobStore(), signer, publicUrl);

            UploadSettings uploadSettings = new UploadSettings(cfg.maxFormUpload(), cfg.singlePutLimit(), MAX_FILE_SIZE,
                    cfg.presignTtl(), cfg.uploadTtl());
            IdentityService identity = new IdentityService(store, clock, ids);
            UploadService uploads = new UploadService(store, blobs, clock, ids, uploadSettings);
            FileService files = new FileService(store, blobs, clock, cfg.presignTtl());
            ApiServices services = new ApiServices(identity, new ProjectService(store, clock, ids), files,
                    new NamespaceService(store, files, clock, ids), uploads, blobs, signer, clock,
                    new RateLimiter(new LocalRateLimitStore(), clock, cfg.rateLimit(), cfg.rateLimitWindow().toSeconds()), publicUrl);

            identity.bootstrap(cfg.bootstrapToken()).ifPresent(issued -> {
                if (cfg.bootstrapToken() == null) {
                    // Shown once: only its hash is stored.
                    System.out.println("Created user 'admin'. Admin token (shown once, keep it safe): " + issued.secret());
                } else {
                    LOG.info("created user 'admin' with the token from SEQVAULT_BOOTSTRAP_TOKEN");
                }
            });

            Health health = new Health();
            HttpApi http = HttpApi.create(services, health, new HttpApi.HttpSettings(cfg.bind(), port, DRAIN_MILLIS)).start();
            Collector collector = new Collector(store, blobs, uploads, clock);
            ScheduledExecutorService background = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "seqvault-collector");
                t.setDaemon(true);
                return t;
            });
            background.scheduleWithFixedDelay(() -> collectQuietly(collector), 1, 10, TimeUnit.MINUTES);
            health.set(Health.State.READY);
            LOG.info("SeqVault listening on http://{}:{} (public URL {})", cfg.bind(), http.port(), publicUrl);
            return new SeqVaultServer(store, http, health, background, publicUrl, collector);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return http.port();
    }

    public String publicUrl() {
        return publicUrl;
    }

    public HttpApi http() {
        return http;
    }

    /** Runs one collector pass now (tests and the admin command use it). */
    public Collector.Report collectNow() throws IOException {
        return collector.collect();
    }

    /** Stops accepting requests, lets in-flight ones finish (up to 30 s), then closes the stores. */
    @Override
    public void close() {
        health.set(Health.State.DRAINING);
        background.shutdownNow();
        http.stop();
        store.close();
        LOG.info("SeqVault stopped");
    }

    private static void collectQuietly(Collector collector) {
        try {
            collector.collect();
        } catch (Exception e) {
            LOG.warn("collector pass failed; will retry", e);
        }
    }

    static BlobStore openBlobStore(String uri, UrlSigner signer, String publicUrl) throws IOException {
        if (uri.startsWith("file:")) {
            Path root = Path.of(uri.substring("file:".length()));
            Files.createDirectories(root);
            return new FsBlobStore(root, signer, publicUrl);
        }
        throw new IllegalArgumentException("blob store '" + uri + "' is not supported; use file:<directory>");
    }

    private static int freePort(String bind) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(bind))) {
            return socket.getLocalPort();
        }
    }

    private static String hostFor(String bind) {
        return bind.equals("0.0.0.0") || bind.equals("::") ? "127.0.0.1" : bind.contains(":") ? "[" + bind + "]" : bind;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
