package org.seqvault.cli.commands;

import java.util.List;
import java.util.function.BiConsumer;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.JobProgressDisplay;
import org.seqvault.client.JobItem;
import org.seqvault.client.JobResult;
import org.seqvault.client.JobType;
import org.seqvault.client.RemotePath;

/**
 * Runs the server's copy, move or delete jobs for {@code cp -r}, {@code mv} and {@code rm -r} of
 * folders: progress in files and folders while they run, then one line per item on stdout (where
 * it ended up: a taken name gets {@code _1_NAME}; folders end in {@code /}), or its error on stderr.
 */
final class FolderJobs {
    /**
     * One item to work on: a folder, or what a copied project holds.
     *
     * @param from       the folder (or a file in a copied project), as the user wrote it
     * @param item       the job item
     * @param intoFolder where it goes (copy, move), for the report; null for a delete
     */
    record Entry(RemotePath from, JobItem item, RemotePath intoFolder) {
    }

    private FolderJobs() {
    }

    /**
     * @param failed prints one item's error
     * @return how many items failed
     */
    static int run(CliContext ctx, JobType type, List<Entry> entries, JobProgressDisplay.Mode mode,
                   BiConsumer<String, Throwable> failed) {
        if (entries.isEmpty()) {
            return 0;
        }
        List<JobResult> results;
        try (JobProgressDisplay progress = JobProgressDisplay.open(ctx, type.path(), mode)) {
            results = ctx.client().jobs().run(type, entries.stream().map(Entry::item).toList(), progress);
        }
        int failures = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            JobResult result = results.get(i);
            if (!result.ok()) {
                failed.accept(entry.from().toString(), result.error().toException());
                failures++;
            } else {
                String slash = result.resource().isFolder() ? "/" : "";
                ctx.out().println(type == JobType.DELETE ? "deleted " + entry.from() + slash
                        : (type == JobType.COPY ? "copied " : "moved ") + entry.from() + slash + " -> "
                        + entry.intoFolder().child(result.resource().name()) + slash);
            }
        }
        return failures;
    }
}
