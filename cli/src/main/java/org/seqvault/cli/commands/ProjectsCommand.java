package org.seqvault.cli.commands;

import java.util.List;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.CommandGroup;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.Output;
import org.seqvault.client.Project;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** seqvault projects ls|create NAME|info PROJECT */
@Command(name = "projects", description = "List, create or show projects.",
        subcommands = {ProjectsCommand.Ls.class, ProjectsCommand.Create.class, ProjectsCommand.Info.class})
public final class ProjectsCommand extends CommandGroup {

    /** projects ls [--json] */
    @Command(name = "ls", description = "List the projects you can read.")
    static final class Ls extends ClientCommand {
        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        Ls(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            List<Project> projects = sv().projects().list().toList();
            if (json) {
                Output.json(out(), projects);
                return 0;
            }
            List<String[]> rows = Output.rows();
            for (Project p : projects) {
                rows.add(new String[] {p.id(), p.workspaceId(), p.isPublic() ? "public" : "private", p.name()});
            }
            Output.table(out(), rows);
            return 0;
        }
    }

    /** projects info [--json] PROJECT: the project with its usage and quota. */
    @Command(name = "info", description = "Show a project, with what it holds and its quota.")
    static final class Info extends ClientCommand {
        @Option(names = "--json", description = "Print the project as JSON (usage and quota included).")
        boolean json;

        @Parameters(paramLabel = "PROJECT", description = "The project id, owner/slug.")
        String project;

        Info(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Project p = sv().projects().get(project);
            if (json) {
                Output.json(out(), p);
                return 0;
            }
            List<String[]> rows = Output.rows();
            rows.add(new String[] {"project", p.id()});
            rows.add(new String[] {"name", p.name()});
            rows.add(new String[] {"workspace", p.workspaceId()});
            rows.add(new String[] {"public", p.isPublic() ? "yes" : "no"});
            rows.add(new String[] {"created", Output.time(p.createdOn()) + " by " + p.createdBy()});
            StorageLines.add(rows, p.usage(), p.quota());
            Output.table(out(), rows);
            return 0;
        }
    }

    /** projects create [--description D] [--public] NAME: prints the new project's id. */
    @Command(name = "create", description = "Create a project; prints its id (owner/slug).")
    static final class Create extends ClientCommand {
        @Option(names = "--description", paramLabel = "TEXT", description = "What it holds.")
        String description;

        @Option(names = "--public", description = "Readable and copyable by every user.")
        boolean isPublic;

        @Option(names = "--json", description = "Print the project as JSON.")
        boolean json;

        @Parameters(paramLabel = "NAME", description = "Display name; the id's slug is made from it.")
        String name;

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Project p = sv().projects().create(name, description, isPublic);
            if (json) {
                Output.json(out(), p);
            } else {
                out().println(p.id());
            }
            return 0;
        }
    }
}
