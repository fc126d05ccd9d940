package org.seqvault.cli.commands;

import java.util.List;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.Main;
import org.seqvault.client.RemotePath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** seqvault mkdir REMOTE… */
@Command(name = "mkdir", description = "Create folders (and missing folders above them, like mkdir -p).")
public final class MkdirCommand extends ClientCommand {
    @Parameters(paramLabel = "REMOTE", arity = "1..*", description = "owner/project/folder[/…]")
    List<RemotePath> folders;

    MkdirCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        int failed = 0;
        for (RemotePath folder : folders) {
            try {
                sv().tree().mkdirs(folder);
            } catch (RuntimeException e) {
                failed(folder.toString(), e);
                failed++;
            }
        }
        return failed == 0 ? Main.OK : Main.FAILED;
    }
}
