package org.seqvault.server;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Map;
import org.seqvault.domain.ByteSize;
import org.seqvault.service.scrub.Finding;
import org.seqvault.service.scrub.Reclaimable;
import org.seqvault.service.scrub.ScrubReport;
import org.seqvault.service.scrub.ScrubSummary;
import org.seqvault.service.scrub.Scrubber;
import picocli.CommandLine.Command;

/**
 * {@code seqvault scrub}: re-reads every stored blob, recomputes its SHA-256 and MD5, and prints
 * each blob that is corrupt, missing or unreadable; the numbers are kept in the database for the
 * servers' GET /metrics. Exit code 0 when every blob is intact, 1 when
 * any is not, 2 for a bad option or configuration. Safe while the server runs.
 */
@Command(name = "scrub",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 100,
        description = {"Re-reads every stored blob and reports any whose checksums no longer match the database.",
                "Reads the same settings as serve (flags > SEQVAULT_* environment > --config file > defaults).",
                "Exit code: 0 all intact, 1 corrupt, missing or unreadable blobs found, 2 bad configuration."})
final class ScrubCommand extends OfflineCommand {
    ScrubCommand(Map<String, String> env) {
        super(env);
    }

    @Override
    int run(OfflineStores stores, ServerConfig cfg, PrintWriter out) throws IOException {
        ScrubReport report = new Scrubber(stores.metadata(), stores.blobs()).scrub(finding -> {
            out.println(finding.problem() + " blob " + finding.blobId() + ": " + finding.detail());
            out.flush();
        });
        // Kept for the servers' GET /metrics (seqvault_scrub_*), which cannot see this process.
        stores.metadata().write(tx -> {
            tx.blobs().recordScrub(ScrubSummary.of(report, Instant.now()));
            return null;
        });
        Reclaimable reclaimable = Reclaimable.survey(stores.metadata(), stores.blobs(), Instant.now());
        out.println("scrub: checked " + report.checkedBlobs() + " blobs (" + ByteSize.format(report.checkedBytes())
                + ") in " + report.elapsed().toMillis() + " ms");
        out.println("scrub: reclaimable by the collector: " + reclaimable.orphanBlobs()
                + " blobs without a database row, " + reclaimable.unreferencedBlobs()
                + " blobs no file points to, " + reclaimable.staleStagings()
                + " stale staging areas, " + reclaimable.recentStagings() + " recent staging areas");
        out.println("scrub: " + report.count(Finding.Problem.CORRUPT) + " corrupt, "
                + report.count(Finding.Problem.MISSING) + " missing, "
                + report.count(Finding.Problem.UNREADABLE) + " unreadable");
        return report.clean() ? 0 : 1;
    }
}
