package org.seqvault.cli.commands;

import org.seqvault.cli.CliContext;
import org.seqvault.cli.CommandFailure;
import org.seqvault.cli.ClientCommand;
import org.seqvault.client.RemoteFile;
import org.seqvault.client.RemotePath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** seqvault cp [-r] SRC DEST */
@Command(name = "cp", description = {"Copy a file (or with -r a folder), also into another project.",
        "Into DEST when it is a folder; else to DEST's folder under DEST's name. A copy shares the stored bytes "
        + "and keeps metadata and tags."})
public final class CpCommand extends ClientCommand {
    @Option(names = {"-r", "--recursive"}, description = "Copy a folder and everything in it.")
    boolean recursive;

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
        sv().tree().copy(node.id(), to.folderId(), name);
        return 0;
    }

    private static String slug(RemotePath project) {
        return project.project().substring(project.project().indexOf('/') + 1);
    }
}
