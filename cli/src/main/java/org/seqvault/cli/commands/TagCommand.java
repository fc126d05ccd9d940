package org.seqvault.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.BiFunction;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.CommandGroup;
import org.seqvault.cli.ClientCommand;
import org.seqvault.client.RemoteFile;
import org.seqvault.client.RemotePath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** seqvault tag add|rm|set REMOTE TAG… */
@Command(name = "tag", description = "Change a file's tags.",
        subcommands = {TagCommand.Add.class, TagCommand.Remove.class, TagCommand.Replace.class})
public final class TagCommand extends CommandGroup {

    /** The shared shape of the three: a file, tags, and how they combine with the current ones. */
    abstract static class Change extends ClientCommand {
        @Parameters(index = "0", paramLabel = "REMOTE", description = "owner/project/path/to/file")
        RemotePath file;

        @Parameters(index = "1..*", paramLabel = "TAG", description = "Tags.")
        List<String> tags = new ArrayList<>();

        private final BiFunction<List<String>, List<String>, List<String>> combine;

        Change(CliContext ctx, BiFunction<List<String>, List<String>, List<String>> combine) {
            super(ctx);
            this.combine = combine;
        }

        @Override
        public Integer call() {
            RemoteFile f = Remotes.existing(sv(), file);
            sv().tree().setTags(f.id(), combine.apply(f.tags(), tags));
            return 0;
        }
    }

    /** tag add REMOTE TAG… */
    @Command(name = "add", description = "Add tags (kept in order, without duplicates).")
    static final class Add extends Change {
        Add(CliContext ctx) {
            super(ctx, (current, given) -> {
                LinkedHashSet<String> all = new LinkedHashSet<>(current);
                all.addAll(given);
                return List.copyOf(all);
            });
        }
    }

    /** tag rm REMOTE TAG… */
    @Command(name = "rm", description = "Remove tags.")
    static final class Remove extends Change {
        Remove(CliContext ctx) {
            super(ctx, (current, given) -> current.stream().filter(t -> !given.contains(t)).toList());
        }
    }

    /** tag set REMOTE [TAG…] */
    @Command(name = "set", description = "Replace all tags (none given: remove them all).")
    static final class Replace extends Change {
        Replace(CliContext ctx) {
            super(ctx, (current, given) -> List.copyOf(given));
        }
    }
}
