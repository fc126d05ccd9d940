package org.seqvault.cli.commands;

import java.util.List;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.CommandGroup;
import org.seqvault.cli.Output;
import org.seqvault.cli.UsageException;
import org.seqvault.client.FileJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** seqvault jobs ls */
@Command(name = "jobs", description = "The server's copy, move and delete jobs that cp -r, mv and rm -r of folders "
        + "run (they go on when the command is stopped).",
        subcommands = {JobsCommand.Ls.class})
public final class JobsCommand extends CommandGroup {

    /** jobs ls [--limit N] [--json] */
    @Command(name = "ls", description = "List your jobs, the newest first: how far each got, in files and folders.")
    static final class Ls extends ClientCommand {
        @Option(names = "--limit", paramLabel = "N", defaultValue = "20",
                description = "Only the newest N. Default: ${DEFAULT-VALUE}.")
        int limit;

        @Option(names = "--json", description = "Print a JSON array (with each finished job's per-item results).")
        boolean json;

        Ls(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new UsageException("--limit must be at least 1");
            }
            List<FileJob> jobs = sv().jobs().list().stream().limit(limit).toList();
            if (json) {
                Output.json(out(), jobs);
                return 0;
            }
            List<String[]> rows = Output.rows();
            rows.add(new String[] {"ID", "TYPE", "STATE", "DONE", "FAILED", "STARTED", "FINISHED"});
            for (FileJob job : jobs) {
                rows.add(new String[] {job.id(), job.type().name(), job.state().name(),
                        job.progress().doneFiles() + "/" + job.totalFiles(), Long.toString(job.failedFiles()),
                        Output.time(job.startedOn()), Output.time(job.finishedOn())});
            }
            Output.table(out(), rows, 3, 4);
            return 0;
        }
    }
}
