package org.seqvault.cli.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.seqvault.cli.BatchRunner;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.CommandFailure;
import org.seqvault.cli.ItemProgress;
import org.seqvault.cli.ProgressDisplay;
import org.seqvault.cli.TransferSummary;
import org.seqvault.client.ConflictException;
import org.seqvault.client.RemoteFile;
import org.seqvault.client.RemotePath;
import org.seqvault.client.UploadOptions;
import org.seqvault.client.internal.PartPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** seqvault upload [-r] [--skip-existing] [--overwrite] [--meta k=v]… [--tag T]… [--parallel N] LOCAL… REMOTE_FOLDER */
@Command(name = "upload", description = {"Upload files, and with -r directories, into a folder.",
        "Directories keep their structure under REMOTE_FOLDER, which is created if missing.",
        "Large files go up in parallel parts, each retried on its own. An interrupted upload continues where it "
        + "stopped when run again (state: .NAME.seqvault-upload next to the file); with --skip-existing, files that "
        + "are there already are skipped, so an interrupted directory upload finishes the rest."})
public final class UploadCommand extends ClientCommand {
    /** What an interrupted upload says after how far it got. */
    private static final String RESUME = "Run the same command again with --skip-existing to continue where it "
            + "stopped: files uploaded already are skipped, and each unfinished file goes on from the parts the server has.";

    /** The Seven Bridges code of a taken name (uploads go through /v2). */
    private static final String NAME_EXISTS = "5003";

    @Option(names = {"-r", "--recursive"}, description = "Upload directories and everything in them.")
    boolean recursive;

    @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "Metadata for every uploaded file (repeatable).")
    List<String> meta = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", description = "A tag for every uploaded file (repeatable).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4",
            description = "Parts (or small files) in flight at once. Default: ${DEFAULT-VALUE}.")
    int parallel;

    @Option(names = "--overwrite", description = "Replace files that exist already (they get a new id).")
    boolean overwrite;

    @Option(names = "--skip-existing", description = {"Skip files that exist remotely with the same size and SHA-256 "
            + "(finishes an interrupted upload); a remote file that differs is a conflict (exit code 1) unless "
            + "--overwrite replaces it."})
    boolean skipExisting;

    @Option(names = "--json", description = "Print a JSON summary of what was uploaded and what failed.")
    boolean json;

    @Option(names = "--no-progress", description = "No progress bar, even on a terminal.")
    boolean noProgress;

    @Parameters(arity = "2..*", paramLabel = "LOCAL… REMOTE_FOLDER", hideParamSyntax = true,
            description = "Local files or directories, then owner/project[/folder/…].")
    List<String> args;

    UploadCommand(CliContext ctx) {
        super(ctx);
    }

    /** One local file and the remote folder it goes to. */
    private record Item(Path local, RemotePath folder, long size) {
        RemotePath remote() {
            return folder.child(local.getFileName().toString());
        }
    }

    /** A file left alone because the same bytes are there already. */
    private record Skipped() {
    }

    @Override
    public Integer call() {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1");
        }
        RemotePath target = Remotes.parse(args.get(args.size() - 1));
        Map<String, String> metadata = KeyValues.map(meta);
        boolean bar = ctx.stderrTerminal() && !noProgress && !json;
        TransferSummary summary = new TransferSummary(ctx, "uploaded",
                "every part's MD5 checked against the server's", json, !bar);

        // Only what is really there is planned: a local file that is missing creates no remote folder.
        List<Item> items = new ArrayList<>();
        Set<RemotePath> folders = new LinkedHashSet<>();
        ExistingFiles existing = skipExisting ? new ExistingFiles(sv()) : null;
        for (String local : args.subList(0, args.size() - 1)) {
            try {
                List<Item> itsItems = new ArrayList<>();
                Set<RemotePath> itsFolders = new LinkedHashSet<>();
                RemotePath place = plan(Path.of(local), target, itsItems, itsFolders);
                if (existing != null) {
                    existing.read(place, Files.isDirectory(Path.of(local)));
                }
                items.addAll(itsItems);
                folders.addAll(itsFolders);
            } catch (RuntimeException e) {
                summary.failed(local, target.toString(), e);
            }
        }
        FolderIds ids = new FolderIds(sv());
        Map<RemotePath, RuntimeException> folderErrors = new LinkedHashMap<>();
        for (RemotePath folder : folders) {
            try {
                ids.of(folder);
            } catch (RuntimeException e) {
                folderErrors.put(folder, e);
            }
        }

        List<BatchRunner.Job> jobs = new ArrayList<>();
        long total = items.stream().mapToLong(Item::size).sum();
        List<ItemProgress> itemProgress = new ArrayList<>();
        try (ProgressDisplay progress = ProgressDisplay.forBatch(ctx, "upload", total, items.size(), bar);
             TransferSummary.Interruption interruption = summary.onInterrupt(items.size(), RESUME)) {
            UploadOptions options = UploadOptions.defaults().overwrite(overwrite).metadata(metadata);
            for (String t : tags) {
                options = options.tag(t);
            }
            UploadOptions base = options;
            for (Item item : items) {
                boolean severalParts = PartPlan.count(item.size(), PartPlan.partSize(item.size(), 0)) > 1;
                ItemProgress listener = new ItemProgress(progress, summary, item.local().toString());
                itemProgress.add(listener);
                jobs.add(new BatchRunner.Job(item.local().toString(), severalParts, p -> {
                    RuntimeException folderError = folderErrors.get(item.folder());
                    if (folderError != null) {
                        throw folderError;
                    }
                    if (existing != null && isThere(existing, item)) {
                        return new Skipped();
                    }
                    return sv().transfers().upload(item.local(), ids.of(item.folder()),
                            base.parallel(p).listener(listener));
                }));
            }
            BatchRunner.run(jobs, parallel, outcome -> {
                Item item = items.get(outcome.index());
                String to = item.remote().toString();
                if (outcome.ok() && outcome.result() instanceof Skipped) {
                    progress.started(item.local().toString(), item.size(), item.size()); // off the bar's total
                    progress.skipped();
                    summary.skipped(item.local().toString(), to, item.size());
                } else if (outcome.ok()) {
                    RemoteFile f = (RemoteFile) outcome.result();
                    summary.ok(item.local().toString(), to, f.size(), itemProgress.get(outcome.index()).resumed(),
                            f.id());
                } else {
                    progress.skipped();
                    summary.failed(item.local().toString(), to, inCliWords(outcome.error(), to));
                }
            });
        }
        folderErrors.forEach((folder, e) -> {
            if (items.stream().noneMatch(i -> i.folder().equals(folder))) {
                summary.failed(folder.toString(), folder.toString(), e);
            }
        });
        return summary.finish();
    }

    /**
     * Whether the item's bytes are on the server already (skip it); a remote file that differs is
     * a conflict unless --overwrite replaces it.
     */
    private boolean isThere(ExistingFiles existing, Item item) {
        return switch (existing.match(item.local(), item.remote())) {
            case SAME -> true;
            case NONE -> false;
            case DIFFERENT -> {
                if (!overwrite) {
                    throw new CommandFailure(item.remote() + " exists with other content (its size or SHA-256 differs); "
                            + "use --overwrite to replace it");
                }
                yield false;
            }
        };
    }

    /**
     * A taken name said with this command's option: the server's message names its API's
     * {@code overwrite=true}, which means nothing to someone at the command line.
     */
    private RuntimeException inCliWords(RuntimeException e, String to) {
        if (e instanceof ConflictException c && NAME_EXISTS.equals(c.code())) {
            return new CommandFailure(overwrite ? to + " is a folder (--overwrite replaces only files)"
                    : to + " already exists (use --overwrite to replace it)", e);
        }
        return e;
    }

    /**
     * Adds a file, or with -r a directory's files and folders; returns where it goes: the remote
     * file, or the folder the directory becomes.
     */
    private RemotePath plan(Path local, RemotePath target, List<Item> items, Set<RemotePath> folders) {
        try {
            if (Files.isRegularFile(local)) {
                Item item = new Item(local, target, Files.size(local));
                items.add(item);
                folders.add(target);
                return item.remote();
            }
            if (!Files.isDirectory(local)) {
                throw new UncheckedIOException(new NoSuchFileException(local.toString()));
            }
            if (!recursive) {
                throw new CommandFailure("is a directory (use -r)");
            }
            Path root = local.toAbsolutePath().normalize();
            String rootName = root.getFileName() == null ? "root" : root.getFileName().toString();
            RemotePath base = target.child(rootName);
            try (Stream<Path> walk = Files.walk(root)) {
                for (Path p : walk.sorted().toList()) {
                    RemotePath at = base;
                    for (Path segment : root.relativize(p)) {
                        if (!segment.toString().isEmpty()) {
                            at = at.child(segment.toString());
                        }
                    }
                    if (Files.isDirectory(p)) {
                        folders.add(at);
                    } else if (Files.isRegularFile(p) && !isTransferState(p)) {
                        items.add(new Item(p, at.parent(), Files.size(p)));
                    }
                }
            }
            return base;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SDK's resume state files, which are never uploaded. */
    private static boolean isTransferState(Path p) {
        String n = p.getFileName().toString();
        return n.startsWith(".") && (n.endsWith(".seqvault-upload") || n.endsWith(".seqvault-download")
                || n.endsWith(".seqvault-upload.tmp") || n.endsWith(".seqvault-download.tmp"));
    }
}
