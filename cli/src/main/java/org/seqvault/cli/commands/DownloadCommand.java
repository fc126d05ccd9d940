package org.seqvault.cli.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.seqvault.cli.BatchRunner;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.CommandFailure;
import org.seqvault.cli.ItemProgress;
import org.seqvault.cli.ProgressDisplay;
import org.seqvault.cli.TransferSummary;
import org.seqvault.client.DownloadOptions;
import org.seqvault.client.RemoteFile;
import org.seqvault.client.RemotePath;
import org.seqvault.client.internal.PartPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** seqvault download [-r] [--parallel N] REMOTE… LOCAL_DIR */
@Command(name = "download", description = {"Download files, and with -r folders, into a directory.",
        "Folders keep their structure under LOCAL_DIR, which is created if missing.",
        "Large files come down in parallel ranges; every file is checked against the server's SHA-256. An "
        + "interrupted download continues where it stopped when run again (NAME.part next to the target)."})
public final class DownloadCommand extends ClientCommand {
    /** What an interrupted download says after how far it got. */
    private static final String RESUME = "Run the same command again to continue where it stopped: each unfinished "
            + "file goes on from its NAME.part.";

    @Option(names = {"-r", "--recursive"}, description = "Download folders and everything in them.")
    boolean recursive;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Ranges (or small files) in flight at once. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(names = "--with-index", description = "With each BAM, CRAM, VCF.gz or BCF named, also download its "
            + "index files (x.bam.bai, x.bai, …: the files the server links to it).")
    boolean withIndex;

    @Option(names = "--json", description = "Print a JSON summary of what was downloaded and what failed.")
    boolean json;

    @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
    boolean noProgress;

    @Parameters(arity = "2..*", paramLabel = "REMOTE… LOCAL_DIR", hideParamSyntax = true,
            description = "owner/project/path (one or more), then a local directory.")
    List<String> args;

    DownloadCommand(CliContext ctx) {
        super(ctx);
    }

    /** One remote file and the local directory it goes to. */
    private record Item(RemotePath remote, Path directory, long size) {
    }

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1");
        }
        Path target = Path.of(args.get(args.size() - 1));
        boolean bar = ctx.stderrTerminal() && !noProgress && !json;
        TransferSummary summary = new TransferSummary(ctx, "downloaded",
                "every file's SHA-256 checked against the server's", json, !bar);
        List<Item> items = new ArrayList<>();
        for (String remote : args.subList(0, args.size() - 1)) {
            try {
                plan(Remotes.parse(remote), target, items, summary);
            } catch (RuntimeException e) {
                summary.failed(remote, target.toString(), e);
            }
        }
        long total = items.stream().mapToLong(Item::size).sum();
        List<ItemProgress> itemProgress = new ArrayList<>();
        try (ProgressDisplay progress = ProgressDisplay.forBatch(ctx, "download", total, items.size(), bar);
             TransferSummary.Interruption interruption = summary.onInterrupt(items.size(), RESUME)) {
            List<BatchRunner.Job> jobs = new ArrayList<>();
            for (Item item : items) {
                boolean severalRanges = PartPlan.count(item.size(), PartPlan.rangeSize(item.size(), 0)) > 1;
                ItemProgress listener = new ItemProgress(progress, summary, item.remote().toString());
                itemProgress.add(listener);
                DownloadOptions options = DownloadOptions.defaults().listener(listener);
                jobs.add(new BatchRunner.Job(item.remote().toString(), severalRanges,
                        p -> sv().transfers().download(item.remote(), item.directory(), options.parallel(p))));
            }
            BatchRunner.run(jobs, parallel, outcome -> {
                Item item = items.get(outcome.index());
                if (outcome.ok()) {
                    summary.ok(item.remote().toString(), outcome.result().toString(), item.size(),
                            itemProgress.get(outcome.index()).resumed(), null);
                } else {
                    progress.skipped();
                    summary.failed(item.remote().toString(), item.directory().resolve(item.remote().name()).toString(),
                            outcome.error());
                }
            });
        }
        return summary.finish();
    }

    private void plan(RemotePath remote, Path target, List<Item> items, TransferSummary summary) {
        Optional<RemoteFile> found = sv().tree().find(remote);
        if (found.isEmpty()) {
            throw new CommandFailure("no such file or folder");
        }
        String name = remote.isProjectRoot() ? remote.project().substring(remote.project().indexOf('/') + 1)
                : remote.name();
        String problem = LocalNames.problem(name);
        if (problem != null) {
            throw new CommandFailure(LocalNames.quoted(name) + " cannot be a local name: it " + problem);
        }
        if (!found.get().isFolder()) {
            items.add(new Item(remote, target, found.get().size()));
            if (withIndex) {
                RemotePath folder = remote.parent();
                found.get().secondaryFiles().forEach(index ->
                        items.add(new Item(folder.child(index.name()), target, index.size())));
            }
            return;
        }
        if (!recursive) {
            throw new CommandFailure("is a folder (use -r)");
        }
        walk(found.get(), remote, target.resolve(name), items, summary);
    }

    /**
     * Plans a folder's files and makes its directories. A name the server gives that cannot be a
     * local name as it is ({@code ..}, one with a {@code /}) is refused with what is below it:
     * nothing is ever written outside the destination.
     */
    private void walk(RemoteFile folder, RemotePath path, Path directory, List<Item> items, TransferSummary summary) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (RemoteFile child : sv().tree().list(folder.id())) {
            String problem = LocalNames.problem(child.name());
            if (problem != null) {
                summary.failed(path.toString(), directory.toString(), new CommandFailure("the server lists a "
                        + (child.isFolder() ? "folder" : "file") + " named " + LocalNames.quoted(child.name())
                        + " here, which " + problem + "; not downloaded"));
            } else if (child.isFolder()) {
                walk(child, path.child(child.name()), directory.resolve(child.name()), items, summary);
            } else {
                items.add(new Item(path.child(child.name()), directory, child.size()));
            }
        }
    }
}
