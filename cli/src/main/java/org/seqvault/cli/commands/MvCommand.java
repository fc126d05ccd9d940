package org.seqvault.cli.commands;

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

/** seqvault mv [-r] [--no-progress] SRC DEST */
@Command(name = "mv", description = {"Move or rename a file or folder.",
        "Into DEST when it is a folder; else to DEST's folder under DEST's name. Files keep their id within a "
        + "project; across projects they are copied, then deleted. A folder is moved by a job on the server "
        + "(everything in it keeps its id, also across projects), with its progress in files and folders; if its "
        + "name is taken in DEST, it is named _1_NAME (_2_NAME, ...)."})
public final class MvCommand extends ClientCommand {
    @Option(names = {"-r", "--recursive"}, description = "Accepted for symmetry with cp and rm: mv moves folders "
            + "with everything in them either way.")
    boolean recursive;

    @Option(names = "--no-progress", description = "No progress of a folder's move (a bar on a terminal, "
            + "else a line per change on stderr).")
    boolean noProgress;

    @Parameters(index = "0", paramLabel = "SRC", description = "owner/project/path")
    RemotePath source;

    @Parameters(index = "1", paramLabel = "DEST", description = "owner/project/path")
    RemotePath dest;

    MvCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        if (source.isProjectRoot()) {
            throw new CommandFailure(source + " is a project, not a file or folder");
        }
        RemoteFile node = Remotes.existing(sv(), source);
        Remotes.Destination to = Remotes.destination(sv(), dest);
        if (node.isFolder()) {
            JobItem item = JobItem.intoFolder(node.id(), to.folderId()).named(to.name());
            RemotePath into = to.name() != null ? dest.parent() : dest;
            int failed = FolderJobs.run(ctx, JobType.MOVE, List.of(new FolderJobs.Entry(source, item, into)),
                    JobProgressDisplay.Mode.of(ctx, noProgress), this::failed);
            return failed == 0 ? Main.OK : Main.FAILED;
        }
        if (to.folderId().equals(node.parent()) && to.name() != null) {
            sv().tree().rename(node.id(), to.name());
        } else {
            sv().tree().move(node.id(), to.folderId(), to.name());
        }
        return Main.OK;
    }
}
