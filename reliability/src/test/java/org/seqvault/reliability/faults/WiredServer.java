package org.seqvault.reliability.faults;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.seqvault.api.ApiServices;
import org.seqvault.api.Health;
import org.seqvault.api.HttpApi;
import org.seqvault.api.ops.MetricsPage;
import org.seqvault.service.audit.AuditLog;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.auth.IdentityService;
import org.seqvault.service.file.DrsService;
import org.seqvault.service.file.FileService;
import org.seqvault.service.file.FileJobService;
import org.seqvault.service.file.HtsgetService;
import org.seqvault.service.htsget.IndexCache;
import org.seqvault.service.htsget.TicketPlanner;
import org.seqvault.service.file.NamespaceService;
import org.seqvault.service.file.TrashRetention;
import org.seqvault.service.file.TrashService;
import org.seqvault.service.gc.Collector;
import org.seqvault.service.limit.RateLimiter;
import org.seqvault.service.port.Clock;
import org.seqvault.service.presign.DownloadUrls;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.presign.SigningKeys;
import org.seqvault.service.presign.UrlSigner;
import org.seqvault.service.project.ProjectService;
import org.seqvault.service.project.QuotaService;
import org.seqvault.service.support.RandomIds;
import org.seqvault.service.upload.UploadService;
import org.seqvault.service.upload.UploadSettings;
import org.seqvault.store.fs.FsBlobStore;
import org.seqvault.store.sql.SqlMetadataStore;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.ServerProcess;

/**
 * The server's services and HTTP API wired as SeqVaultServer wires them, on SQLite and local
 * files, but with the blob store wrapped in a {@link FaultyBlobStore}: the one way to make a
 * disk fail on cue where the machine gives no real small filesystem. Rate limiting is off.
 */
final class WiredServer implements AutoCloseable {
    final FaultyBlobStore blobs;
    final Collector collector;
    final Http http;
    private final SqlMetadataStore store;
    private final HttpApi api;

    private WiredServer(SqlMetadataStore store, FaultyBlobStore blobs, Collector collector, HttpApi api, String url) {
        this.store = store;
        this.blobs = blobs;
        this.collector = collector;
        this.api = api;
        this.http = new Http(url);
    }

    static WiredServer start(Path data, long maxFormUpload, long singlePutLimit) throws IOException {
        return start(data, maxFormUpload, singlePutLimit, UnaryOperator.identity());
    }

    /** As {@link #start(Path, long, long)}, with the services on {@code metadata} applied to the real store. */
    static WiredServer start(Path data, long maxFormUpload, long singlePutLimit, UnaryOperator<MetadataStore> metadata)
            throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        Clock clock = Clock.system();
        RandomIds ids = new RandomIds();
        SqlMetadataStore store = SqlMetadataStore.open("jdbc:sqlite:" + data.resolve("seqvault.db"), null, null);
        MetadataStore wired = metadata.apply(store);
        UrlSigner signer = new UrlSigner(SigningKeys.of("faulty-signing-key-0123456789abcdef"));
        FaultyBlobStore blobs = new FaultyBlobStore(new FsBlobStore(data.resolve("blobs"), signer, url));
        UploadSettings settings = new UploadSettings(maxFormUpload, singlePutLimit, 5L << 40, Duration.ofHours(1),
                Duration.ofHours(24));
        AuditTrail audit = new AuditTrail(wired, clock, ids);
        IdentityService identity = new IdentityService(wired, clock, ids, audit);
        UploadService uploads = new UploadService(wired, blobs, clock, ids, settings, audit);
        FileService files = new FileService(wired, blobs, clock, Duration.ofHours(1), new DownloadUrls(signer, url),
                TrashRetention.off(), audit);
        ApiServices services = new ApiServices(identity, new ProjectService(wired, clock, ids, audit),
                new QuotaService(wired), files,
                new NamespaceService(wired, files, clock, ids, TrashRetention.off(), audit),
                new TrashService(wired, clock, ids, audit), uploads, blobs, signer, clock,
                new RateLimiter((key, window, count) -> 0, clock, 0, 300),
                new RateLimiter((key, window, count) -> 0, clock, 0, 60), url, new AuditLog(wired),
                new FileJobService(wired, clock, ids, audit, () -> { }), new DrsService(wired, files, audit), null,
                new HtsgetService(wired, files, new TicketPlanner(blobs, new IndexCache(blobs, 1L << 20)), audit));
        identity.bootstrap(ServerProcess.ADMIN_TOKEN);
        Health health = new Health();
        // Up to 10 s to drain at stop: on a loaded 2-core machine a 1 s drain was sometimes exceeded, and
        // Javalin then reports the stop as failed although every request had its answer.
        HttpApi api = HttpApi.create(services, health, new HttpApi.HttpSettings("127.0.0.1", port, 10_000,
                Duration.ofSeconds(30)), new MetricsPage(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))).start();
        health.set(Health.State.READY);
        return new WiredServer(store, blobs, new Collector(store, blobs, uploads, clock), api, url);
    }

    /** What a collector pass would reclaim now. */
    org.seqvault.service.scrub.Reclaimable reclaimable() throws IOException {
        return org.seqvault.service.scrub.Reclaimable.survey(store, blobs, java.time.Instant.now());
    }

    @Override
    public void close() {
        api.stop();
        store.close();
    }
}
