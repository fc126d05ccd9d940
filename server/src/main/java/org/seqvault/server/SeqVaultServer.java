package org.seqvault.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.seqvault.api.ApiServices;
import org.seqvault.api.Health;
import org.seqvault.api.HttpApi;
import org.seqvault.api.ops.AdminListener;
import org.seqvault.api.ops.MetricsPage;
import org.seqvault.genomics.HtsHeaderReader;
import org.seqvault.service.audit.AuditLog;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.auth.IdentityService;
import org.seqvault.service.file.FileJobRunner;
import org.seqvault.service.file.FileJobService;
import org.seqvault.service.file.DrsService;
import org.seqvault.service.extract.MetadataExtraction;
import org.seqvault.service.file.FileService;
import org.seqvault.service.file.HtsgetService;
import org.seqvault.service.htsget.IndexCache;
import org.seqvault.service.htsget.TicketPlanner;
import org.seqvault.service.file.NamespaceService;
import org.seqvault.service.file.TrashRetention;
import org.seqvault.service.file.TrashService;
import org.seqvault.service.gc.Collector;
import org.seqvault.service.limit.LocalRateLimitStore;
import org.seqvault.service.limit.RateLimiter;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.IdGenerator;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.presign.DownloadUrls;
import org.seqvault.service.presign.SigningKeys;
import org.seqvault.service.presign.UrlSigner;
import org.seqvault.service.project.ProjectService;
import org.seqvault.service.project.QuotaService;
import org.seqvault.service.support.RandomIds;
import org.seqvault.service.upload.UploadService;
import org.seqvault.service.upload.UploadSettings;
import org.seqvault.store.fs.FsBlobStore;
import org.seqvault.store.s3.S3BlobStore;
import org.seqvault.store.s3.S3BucketCors;
import org.seqvault.store.s3.S3Settings;
import org.seqvault.store.sql.SqlMetadataStore;
import org.seqvault.store.sql.SqlRateLimitStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires the stores, services and HTTP API together with plain constructors, and runs them. */
public final class SeqVaultServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SeqVaultServer.class);
    private static final long DRAIN_MILLIS = 30_000;
    private static final String S3_SCHEME = "s3://";

    private final MetadataStore store;
    private final HttpApi http;
    private final Health health;
    private final ScheduledExecutorService background;
    private final String listenUrl;
    private final String publicUrl;
    private final Collector collector;
    private final RateLimiter limiter;
    private final ServerMetrics metrics;
    private final AdminListener admin;
    private final AuditTrail audit;
    private final Duration auditRetention;
    private final FileJobRunner jobRunner;
    private final ExtractionWorker extractionWorker;

    private SeqVaultServer(MetadataStore store, HttpApi http, Health health, ScheduledExecutorService background,
                           String listenUrl, String publicUrl, Collector collector, RateLimiter limiter,
                           ServerMetrics metrics, AdminListener admin, AuditTrail audit,
                           Duration auditRetention, FileJobRunner jobRunner,
                           ExtractionWorker extractionWorker) {
        this.store = store;
        this.http = http;
        this.health = health;
        this.background = background;
        this.listenUrl = listenUrl;
        this.publicUrl = publicUrl;
        this.collector = collector;
        this.limiter = limiter;
        this.metrics = metrics;
        this.admin = admin;
        this.audit = audit;
        this.auditRetention = auditRetention;
        this.jobRunner = jobRunner;
        this.extractionWorker = extractionWorker;
    }

    /** Opens the stores, bootstraps an empty database, and starts serving. */
    public static SeqVaultServer start(ServerConfig cfg) {
        return start(cfg, Clock.system());
    }

    /** As {@link #start(ServerConfig)}, on the given clock (tests move time instead of waiting for it). */
    public static SeqVaultServer start(ServerConfig cfg, Clock clock) {
        return start(cfg, clock, true);
    }

    /**
     * As {@link #start(ServerConfig, Clock)}; with {@code readHeaders} false, published files are queued
     * for header extraction (when it is on) but this process never reads them: what a replica killed
     * before its worker ran leaves behind, for tests of what the next process does.
     */
    public static SeqVaultServer start(ServerConfig cfg, Clock clock, boolean readHeaders) {
        try {
            Files.createDirectories(cfg.dataDir());
            int port = cfg.port() == 0 ? freePort(cfg.bind()) : cfg.port();
            String scheme = cfg.tls() == null ? "http" : "https";
            String publicUrl = cfg.publicUrl() != null ? stripSlash(cfg.publicUrl())
                    : scheme + "://" + hostFor(cfg.bind()) + ":" + port;
            // First: the stores' connection pools report into it from the moment they open.
            ServerMetrics metrics = new ServerMetrics();
            IdGenerator ids = new RandomIds();
            UrlSigner signer = new UrlSigner(signingKeys(cfg));
            SqlMetadataStore store = SqlMetadataStore.open(cfg.dbUrl(), cfg.dbUser(), cfg.dbPassword());
            BlobStore blobs = openBlobStore(cfg, signer, publicUrl);
            if (blobs instanceof S3BlobStore s3) {
                allowWebPage(s3, publicUrl);
            }

            UploadSettings uploadSettings = new UploadSettings(cfg.maxFormUpload(), cfg.singlePutLimit(), UploadSettings.MAX_FILE_SIZE,
                    cfg.presignTtl(), cfg.uploadTtl(), cfg.finishedUploadRetention());
            AuditTrail audit = new AuditTrail(store, clock, ids);
            IdentityService identity = new IdentityService(store, clock, ids, audit);
            MetadataExtraction extraction = new MetadataExtraction(store, blobs, new HtsHeaderReader(), clock);
            UploadService uploads = new UploadService(store, blobs, clock, ids, uploadSettings, audit,
                    extraction.queue(cfg.extractMetadata()));
            TrashRetention trash = new TrashRetention(cfg.trashRetention());
            FileService files = new FileService(store, blobs, clock, cfg.presignTtl(), new DownloadUrls(signer, publicUrl),
                    trash, audit);
            RateLimiter limiter = new RateLimiter(new SqlRateLimitStore(store), clock, cfg.rateLimit(),
                    cfg.rateLimitWindow().toSeconds());
            // Per replica, in memory: shared counts would make every request with a made-up token a database write.
            RateLimiter authFailures = new RateLimiter(new LocalRateLimitStore(), clock, cfg.authFailureLimit(),
                    cfg.authFailureWindow().toSeconds());
            FileJobRunner jobRunner = new FileJobRunner(store, clock, ids, trash, audit, cfg.jobBatchSize(),
                    FileJobRunner.DEFAULT_LEASE);
            ApiServices services = new ApiServices(identity, new ProjectService(store, clock, ids, audit),
                    new QuotaService(store), files, new NamespaceService(store, files, clock, ids, trash, audit),
                    new TrashService(store, clock, ids, audit), uploads, blobs, signer, clock, limiter, authFailures,
                    publicUrl, new AuditLog(store), new FileJobService(store, clock, ids, audit, jobRunner::wake),
                    new DrsService(store, files, audit),
                    cfg.extractMetadata() ? extraction : null,
                    new HtsgetService(store, files,
                            new TicketPlanner(blobs, new IndexCache(blobs, IndexCache.DEFAULT_MAX_BYTES)), audit));

            identity.bootstrap(cfg.bootstrapToken()).ifPresent(issued -> {
                if (cfg.bootstrapToken() == null) {
                    // Shown once: only its hash is stored.
                    System.out.println("Created user 'admin'. Admin token (shown once, keep it safe): " + issued.secret());
                } else {
                    LOG.info("created user 'admin' with the token from SEQVAULT_BOOTSTRAP_TOKEN");
                }
            });

            Health health = new Health();
            MetricsPage metricsPage = new MetricsPage(metrics.registry());
            HttpApi http = HttpApi.create(services, health,
                    new HttpApi.HttpSettings(cfg.bind(), port, DRAIN_MILLIS, cfg.idleTimeout(), cfg.tls(),
                            cfg.forwardedHeaders()), metricsPage).start();
            AdminListener admin = cfg.adminPort() == null ? null
                    : AdminListener.start(cfg.adminBind(), cfg.adminPort(), metricsPage, health);
            Collector collector = new Collector(store, blobs, uploads, clock);
            CollectorMetrics collectorMetrics = new CollectorMetrics(metrics.registry());
            new ScrubMetrics(store, clock).bindTo(metrics.registry());
            // Two threads: a long collector pass must not hold up the rate-limit flushes.
            ScheduledExecutorService background = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "seqvault-background");
                t.setDaemon(true);
                return t;
            });
            background.scheduleWithFixedDelay(() -> collectQuietly(collector, collectorMetrics), 1, 10, TimeUnit.MINUTES);
            // Request counts reach the shared table (and the other replicas) at least this often.
            background.scheduleWithFixedDelay(() -> flushQuietly(limiter), RateLimiter.SYNC_INTERVAL_MILLIS,
                    RateLimiter.SYNC_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
            // Only to forget the counts of windows that are over (they live in this process alone).
            background.scheduleWithFixedDelay(() -> flushQuietly(authFailures), 1, 1, TimeUnit.MINUTES);
            background.scheduleWithFixedDelay(() -> pruneQuietly(audit, cfg.auditRetention()), 5, 60, TimeUnit.MINUTES);
            // Finished jobs are kept as long as finished upload sessions, for their submitters to read.
            background.scheduleWithFixedDelay(() -> pruneJobsQuietly(jobRunner, cfg.finishedUploadRetention()), 7, 60,
                    TimeUnit.MINUTES);
            jobRunner.start();
            // Off, nothing is queued and nothing read: rows left from when it was on wait for it to be on again.
            ExtractionWorker extractionWorker = cfg.extractMetadata() && readHeaders
                    ? new ExtractionWorker(extraction).start() : null;
            health.set(Health.State.READY);
            String listenUrl = scheme + "://" + hostFor(cfg.bind()) + ":" + http.port();
            LOG.info("SeqVault listening on {}://{}:{} (public URL {})", scheme, cfg.bind(), http.port(), publicUrl);
            if (admin != null) {
                LOG.info("admin listener (GET /metrics, /healthz) on http://{}:{}", cfg.adminBind(), admin.port());
            }
            return new SeqVaultServer(store, http, health, background, listenUrl, publicUrl, collector, limiter, metrics,
                    admin, audit, cfg.auditRetention(), jobRunner,
                    extractionWorker);
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

    /** Where this process listens, e.g. {@code http://127.0.0.1:8080} (0.0.0.0 shown as 127.0.0.1). */
    public String listenUrl() {
        return listenUrl;
    }

    public HttpApi http() {
        return http;
    }

    /** The admin listener's port, or -1 when there is none. */
    public int adminPort() {
        return admin == null ? -1 : admin.port();
    }

    /** Runs one collector pass now (tests and the admin command use it). */
    public Collector.Report collectNow() throws IOException {
        return collector.collect();
    }

    /** Prunes the audit records older than the retention now, as the hourly pass does; returns how many went. */
    public long pruneAuditNow() {
        return audit.prune(auditRetention);
    }

    /** Stops accepting requests, lets in-flight ones finish (up to 30 s), then closes the stores. */
    @Override
    public void close() {
        health.set(Health.State.DRAINING);
        background.shutdownNow();
        http.stop();
        jobRunner.close(); // after the step under way; its job's lease is given up for the other replicas
        if (extractionWorker != null) {
            extractionWorker.close();
        }
        flushQuietly(limiter); // the last counts, for the replicas that go on
        if (admin != null) {
            admin.close();
        }
        store.close();
        metrics.close();
        LOG.info("SeqVault stopped");
    }

    /**
     * The URL-signing key. Replicas must all sign with one key, and a key generated into a data
     * directory is one replica's own: so a deployment that can have replicas (metadata in
     * PostgreSQL, or bytes outside local files) must configure it. A lone server on SQLite and
     * local files keeps generating it into its data directory.
     */
    static String signingKey(ServerConfig cfg) throws IOException {
        boolean configured = cfg.signingKey() != null && !cfg.signingKey().isBlank();
        boolean replicable = !cfg.dbUrl().startsWith("jdbc:sqlite:") || !cfg.blobStore().startsWith("file:");
        if (replicable && !configured) {
            throw new IllegalArgumentException("SEQVAULT_SIGNING_KEY (--signing-key) must be set when the metadata"
                    + " database is not SQLite or the blob store is not file: every replica must sign URLs with the"
                    + " same key, and a key generated into one replica's data directory would differ from the others'."
                    + " Generate one with: openssl rand -hex 32");
        }
        return SigningKeyFile.resolve(cfg.signingKey(), cfg.dataDir());
    }

    /** The current key, which signs, and the previous ones, which still verify the URLs they signed. */
    static SigningKeys signingKeys(ServerConfig cfg) throws IOException {
        SigningKeys keys = SigningKeys.of(signingKey(cfg));
        for (String previous : cfg.previousSigningKeys()) {
            keys = keys.withPrevious(previous);
        }
        return keys;
    }

    private static void flushQuietly(RateLimiter limiter) {
        try {
            limiter.flush();
        } catch (RuntimeException e) {
            LOG.warn("could not write rate-limit counts; will retry", e);
        }
    }

    private static void pruneQuietly(AuditTrail audit, Duration retention) {
        try {
            long pruned = audit.prune(retention);
            if (pruned > 0) {
                LOG.info("pruned {} audit records older than {} days", pruned, retention.toDays());
            }
        } catch (RuntimeException e) {
            LOG.warn("could not prune the audit trail; will retry", e);
        }
    }

    private static void pruneJobsQuietly(FileJobRunner runner, Duration retention) {
        try {
            long pruned = runner.prune(retention);
            if (pruned > 0) {
                LOG.info("deleted {} async jobs finished more than {} ago", pruned, retention);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not delete old async jobs; will retry", e);
        }
    }

    private static void collectQuietly(Collector collector, CollectorMetrics metrics) {
        try {
            metrics.passed(collector.collect());
        } catch (Exception e) {
            metrics.failed();
            LOG.warn("collector pass failed; will retry", e);
        }
    }

    /**
     * The web page uploads to and reads from the bucket directly (presigned URLs), which browsers
     * allow only when the bucket's CORS rules name the page's origin. Setting them is a courtesy:
     * a store that refuses (no s3:PutBucketCORS permission, a store without bucket CORS) leaves the
     * server running and the rule to the operator (docs/web.md says which).
     */
    private static void allowWebPage(S3BlobStore s3, String publicUrl) {
        String origin = S3BucketCors.originOf(URI.create(publicUrl));
        try {
            switch (s3.allowBrowsersFrom(origin)) {
                case ALREADY_ALLOWED -> LOG.info("the bucket's CORS rules already allow the web page's origin {}", origin);
                case ADDED -> LOG.info("added a CORS rule to the bucket for the web page's origin {}", origin);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not set the bucket's CORS rule for the web page's origin {} ({}): browser uploads, previews"
                    + " and the genome view need the bucket to allow GET, PUT and HEAD from it (see docs/web.md)",
                    origin, e.getMessage());
        }
    }

    /** The blob store the configuration names: {@code file:<directory>} or {@code s3://bucket[/prefix]}. */
    static BlobStore openBlobStore(ServerConfig cfg, UrlSigner signer, String publicUrl) throws IOException {
        if (cfg.blobStore().startsWith(S3_SCHEME)) {
            // Credentials come from the AWS SDK's default chain (AWS_ACCESS_KEY_ID…, profiles, instance roles).
            return S3BlobStore.open(S3Settings.of(cfg.blobStore(), cfg.s3Endpoint(), cfg.s3Region(), cfg.s3PathStyle()));
        }
        return openBlobStore(cfg.blobStore(), signer, publicUrl);
    }

    /** A {@code file:} blob store; an S3 one needs the S3 settings too, so it opens from the whole configuration. */
    static BlobStore openBlobStore(String uri, UrlSigner signer, String publicUrl) throws IOException {
        if (uri.startsWith("file:")) {
            Path root = Path.of(uri.substring("file:".length()));
            Files.createDirectories(root);
            return new FsBlobStore(root, signer, publicUrl);
        }
        if (uri.startsWith(S3_SCHEME)) {
            throw new IllegalArgumentException("blob store '" + uri + "' needs the S3 endpoint, region and path-style"
                    + " settings; open it with openBlobStore(ServerConfig, …)");
        }
        throw new IllegalArgumentException("blob store '" + uri + "' is not supported; use file:<directory> or"
                + " s3://bucket[/prefix]");
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
