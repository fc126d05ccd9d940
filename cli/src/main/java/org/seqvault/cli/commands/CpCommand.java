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

/** seqvault cp [-r] [--no-progress] SRC DEST */
@Command(name = "cp", description = {"Copy a file (or with -r a folder), also into another project.",
        "Into DEST when it is a folder; else to DEST's folder under DEST's name. A copy shares the stored bytes "
        + "and keeps metadata and tags. A folder is copied by a job on the server, with its progress in files and "
        + "folders; if its name is taken in DEST, the copy is named _1_NAME (_2_NAME, ...)."})
public final class CpCommand extends ClientCommand {
    @Option(names = {"-r", "--recursive"}, description = "Copy a folder and everything in it.")
    boolean recursive;

    @Option(names = "--no-progress", description = "No progress of a folder's copy (a bar on a terminal, "
            + "else a line per change on stderr).")
    boolean noProgress;

    @Parameters(index = "0", paramLabel = "SRC", description = "owner/project/path")
    RemotePath source;

    @Parameters(index = "1", paramLabel = "DEST", description = "owner/project/path")
    RemotePath dest;

    CpCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        RemoteFile node = Remotes.existing(sv(), source);
        if (node.isFolder() && !recursive) {
            throw new CommandFailure(source + " is a folder (use -r)");
        }
        Remotes.Destination to = Remotes.destination(sv(), dest);
        String name = to.name() != null ? to.name() : source.isProjectRoot() ? slug(source) : null;
        if (!node.isFolder()) {
            sv().tree().copy(node.id(), to.folderId(), name);
            return Main.OK;
        }
        RemotePath into = to.name() != null ? dest.parent() : dest;
        List<FolderJobs.Entry> entries = source.isProjectRoot()
                ? projectContents(node, to.folderId(), into.child(name))
                : List.of(new FolderJobs.Entry(source, JobItem.intoFolder(node.id(), to.folderId()).named(name), into));
        int failed = FolderJobs.run(ctx, JobType.COPY, entries, JobProgressDisplay.Mode.of(ctx, noProgress),
                this::failed);
        return failed == 0 ? Main.OK : Main.FAILED;
    }

    /**
     * A project's root folder cannot be copied as such (the server refuses it): a new folder takes
     * its place, named as asked, and what the root holds is copied into it, an item each.
     */
    private List<FolderJobs.Entry> projectContents(RemoteFile root, String parentId, RemotePath folder) {
        RemoteFile copy = sv().tree().createFolder(parentId, folder.name());
        List<FolderJobs.Entry> entries = new ArrayList<>();
        for (RemoteFile child : sv().tree().list(root.id())) {
            entries.add(new FolderJobs.Entry(source.child(child.name()), JobItem.intoFolder(child.id(), copy.id()),
                    folder));
        }
        return entries;
    }

    private static String slug(RemotePath project) {
        return project.project().substring(project.project().indexOf('/') + 1);
    }
}
