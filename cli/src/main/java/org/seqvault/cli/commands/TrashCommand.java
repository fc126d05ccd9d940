package org.seqvault.cli.commands;

import java.util.List;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.CommandGroup;
import org.seqvault.cli.Output;
import org.seqvault.cli.UsageException;
import org.seqvault.client.EmptiedTrash;
import org.seqvault.client.RemoteFile;
import org.seqvault.client.RemotePath;
import org.seqvault.client.TrashedItem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** seqvault trash ls|restore|empty */
@Command(name = "trash", description = "A project's trash: what rm (and every other delete) put there, for the"
        + " server's retention (14 days unless set otherwise).",
        subcommands = {TrashCommand.Ls.class, TrashCommand.Restore.class, TrashCommand.Empty.class})
public final class TrashCommand extends CommandGroup {

    /** trash ls PROJECT[/PATH] [--json] */
    @Command(name = "ls", description = "List a project's trash, the most recently deleted first (with a path:"
            + " only what was deleted there).")
    static final class Ls extends ClientCommand {
        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Parameters(paramLabel = "PROJECT", description = "owner/project, or owner/project/path")
        RemotePath project;

        Ls(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String path = project.isProjectRoot() ? null : project.key();
            List<TrashedItem> items = sv().trash().list(project.project(), path).toList();
            if (json) {
                Output.json(out(), items);
                return 0;
            }
            List<String[]> rows = Output.rows();
            rows.add(new String[] {"ID", "PATH", "FILES", "SIZE", "DELETED", "BY", "EXPIRES"});
            for (TrashedItem item : items) {
                rows.add(new String[] {item.id(), item.isFolder() ? item.path() + "/" : item.path(),
                        Long.toString(item.files()), Output.size(item.size()), Output.time(item.deletedOn()),
                        item.deletedBy() == null ? "-" : item.deletedBy(), Output.time(item.expiresOn())});
            }
            Output.table(out(), rows, 2, 3);
            return 0;
        }
    }

    /** trash restore PROJECT/PATH */
    @Command(name = "restore", description = "Put back what was deleted last from a path, with its id, metadata and"
            + " tags (a folder with everything in it); named _1_NAME when NAME is taken there.")
    static final class Restore extends ClientCommand {
        @Parameters(paramLabel = "PROJECT/PATH", description = "owner/project/path where it was")
        RemotePath path;

        Restore(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (path.isProjectRoot()) {
                throw new UsageException("'" + path + "' is a project; name the path of what to restore in it, e.g. "
                        + path + "/raw/x.vcf");
            }
            RemoteFile restored = sv().trash().restore(path);
            RemotePath now = path.parent().child(restored.name());
            out().println("restored " + now + (restored.isFolder() ? "/" : "")
                    + (now.equals(path) ? "" : " (" + path.name() + " was taken)"));
            return 0;
        }
    }

    /** trash empty PROJECT */
    @Command(name = "empty", description = "Empty a project's trash for good (needs admin in the project); the"
            + " server reclaims the bytes no other file shares at its collector's next pass.")
    static final class Empty extends ClientCommand {
        @Option(names = "--json", description = "Print what was emptied as JSON.")
        boolean json;

        @Parameters(paramLabel = "PROJECT", description = "owner/project")
        RemotePath project;

        Empty(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (!project.isProjectRoot()) {
                throw new UsageException("'" + project + "' is a path; trash empty takes a project, e.g. "
                        + project.project());
            }
            EmptiedTrash emptied = sv().trash().empty(project.project());
            if (json) {
                Output.json(out(), emptied);
            } else {
                out().println("emptied the trash of " + project.project() + ": " + emptied.items()
                        + (emptied.items() == 1 ? " item, " : " items, ") + emptied.files()
                        + (emptied.files() == 1 ? " file, " : " files, ") + Output.size(emptied.size()));
            }
            return 0;
        }
    }
}
