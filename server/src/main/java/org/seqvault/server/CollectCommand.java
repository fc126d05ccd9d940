package org.seqvault.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.gc.Collector;
import org.seqvault.service.port.Clock;
import org.seqvault.service.support.RandomIds;
import org.seqvault.service.upload.UploadService;
import org.seqvault.service.upload.UploadSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seqvault collect}: runs one collector pass now (the server runs one every 10 minutes):
 * expires overdue uploads, deletes finished ones past their retention, purges trash items past their
 * retention (or emptied) and reclaims bytes nothing points to. Safe while the server runs, as replicas
 * sharing a database collect side by side. With {@code --sweep} it also lists the whole blob store for
 * bytes nothing knows of, which the replicas otherwise do once a day between them.
 */
@Command(name = "collect",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {"Runs one collector pass now: expires overdue uploads, purges expired or emptied trash and"
                + " reclaims unreferenced bytes.",
                "Reads the same settings as serve (flags > SEQVAULT_* environment > --config file > defaults)."})
final class CollectCommand extends OfflineCommand {
    @Option(names = "--sweep",
            description = "Also list every blob in the store for bytes no database row knows of (e.g. left by a"
                    + " crash); the server does this once a day.")
    boolean sweep;

    CollectCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    int run(OfflineStores stores, ServerConfig cfg, PrintWriter out) throws IOException {
        // Only expiry and pruning are asked of the upload service here; its limits play no part in them.
        UploadSettings settings = new UploadSettings(cfg.maxFormUpload(), cfg.singlePutLimit(), Long.MAX_VALUE,
                Duration.ofSeconds(1), cfg.uploadTtl(), cfg.finishedUploadRetention());
        RandomIds ids = new RandomIds();
        UploadService uploads = new UploadService(stores.metadata(), stores.blobs(), Clock.system(), ids, settings,
                new AuditTrail(stores.metadata(), Clock.system(), ids));
        Collector collector = new Collector(stores.metadata(), stores.blobs(), uploads, Clock.system());
        Collector.Report report = sweep ? collector.collectAndSweep() : collector.collect();
        out.println("collect: " + report.expiredUploads() + " uploads expired, " + report.expiredTrash()
                + " trash items purged (expired or emptied), " + report.deletedBlobs()
                + " unreferenced blobs deleted, " + report.orphanBlobs() + " orphan blobs deleted, "
                + report.orphanStagings() + " orphan staging areas deleted, " + report.prunedUploads()
                + " finished uploads past their retention deleted"
                + (report.swept() ? "; the whole blob store was swept" : ""));
        return 0;
    }
}
