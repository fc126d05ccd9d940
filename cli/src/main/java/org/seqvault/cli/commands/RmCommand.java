package org.seqvault.cli.commands;

import java.util.List;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.CommandFailure;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.Main;
import org.seqvault.client.RemoteFile;
import org.seqvault.client.RemotePath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** seqvault rm [-r] REMOTE… */
@Command(name = "rm", description = "Delete files, and with -r folders with everything in them.")
public final class RmCommand extends ClientCommand {
    @Option(names = {"-r", "--recursive"}, description = "Delete folders and their contents.")
    boolean recursive;

    @Parameters(paramLabel = "REMOTE", arity = "1..*", description = "owner/project/path")
    List<RemotePath> targets;

    RmCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        int failed = 0;
        for (RemotePath target : targets) {
            try {
                remove(target);
            } catch (RuntimeException e) {
                failed(target.toString(), e);
                failed++;
            }
        }
        return failed == 0 ? Main.OK : Main.FAILED;
    }

    private void remove(RemotePath target) {
        if (target.isProjectRoot()) {
            throw new CommandFailure("is a project; delete its files and folders (rm -r " + target + "/NAME)");
        }
        RemoteFile node = Remotes.existing(sv(), target);
        if (node.isFolder() && !recursive) {
            throw new CommandFailure("is a folder (use -r)");
        }
        sv().tree().deleteRecursively(node.id());
    }
}
