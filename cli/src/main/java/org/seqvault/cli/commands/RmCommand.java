package org.seqvault.cli.commands;

import java.util.ArrayList;
import java.util.List;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.CommandFailure;
import org.seqvault.cli.JobProgressDisplay;
import org.seqvault.cli.Main;
import org.seqvault.client.JobItem;
import org.seqvault.client.JobType;
import org.seqvault.client.RemoteFile;
import org.seqvault.client.RemotePath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** seqvault rm [-r] [--no-progress] REMOTE… */
@Command(name = "rm", description = {"Delete files, and with -r folders with everything in them.",
        "Folders are deleted by jobs on the server (100 folders a job), with their progress in files and folders."})
public final class RmCommand extends ClientCommand {
    @Option(names = {"-r", "--recursive"}, description = "Delete folders and their contents.")
    boolean recursive;

    @Option(names = "--no-progress", description = "No progress of folders' deletion (a bar on a terminal, "
            + "else a line per change on stderr).")
    boolean noProgress;

    @Parameters(paramLabel = "REMOTE", arity = "1..*", description = "owner/project/path")
    List<RemotePath> targets;

    RmCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        int failed = 0;
        List<FolderJobs.Entry> folders = new ArrayList<>();
        for (RemotePath target : targets) {
            try {
                RemoteFile node = existingNode(target);
                if (node.isFolder()) {
                    folders.add(new FolderJobs.Entry(target, JobItem.delete(node.id()), null));
                } else {
                    sv().tree().deleteRecursively(node.id());
                }
            } catch (RuntimeException e) {
                failed(target.toString(), e);
                failed++;
            }
        }
        failed += FolderJobs.run(ctx, JobType.DELETE, folders, JobProgressDisplay.Mode.of(ctx, noProgress),
                this::failed);
        return failed == 0 ? Main.OK : Main.FAILED;
    }

    private RemoteFile existingNode(RemotePath target) {
        if (target.isProjectRoot()) {
            throw new CommandFailure("is a project; delete its files and folders (rm -r " + target + "/NAME)");
        }
        RemoteFile node = Remotes.existing(sv(), target);
        if (node.isFolder() && !recursive) {
            throw new CommandFailure("is a folder (use -r)");
        }
        return node;
    }
}
