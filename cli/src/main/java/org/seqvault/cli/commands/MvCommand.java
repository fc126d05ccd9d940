package org.seqvault.cli.commands;

import org.seqvault.cli.CliContext;
import org.seqvault.cli.CommandFailure;
import org.seqvault.cli.ClientCommand;
import org.seqvault.client.RemoteFile;
import org.seqvault.client.RemotePath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** seqvault mv SRC DEST */
@Command(name = "mv", description = {"Move or rename a file or folder.",
        "Into DEST when it is a folder; else to DEST's folder under DEST's name. Files keep their id within a "
        + "project; across projects they are copied, then deleted."})
public final class MvCommand extends ClientCommand {
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
        if (!node.isFolder() && to.folderId().equals(node.parent()) && to.name() != null) {
            sv().tree().rename(node.id(), to.name());
        } else {
            sv().tree().move(node.id(), to.folderId(), to.name());
        }
        return 0;
    }
}
