package org.seqvault.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.CommandGroup;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.Output;
import org.seqvault.cli.UsageException;
import org.seqvault.client.RemotePath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** seqvault meta get|set|unset REMOTE [k=v|k]… */
@Command(name = "meta", description = "Show or change a file's metadata.",
        subcommands = {MetaCommand.Get.class, MetaCommand.Set.class, MetaCommand.Unset.class})
public final class MetaCommand extends CommandGroup {

    /** meta get [--json] REMOTE [KEY]… */
    @Command(name = "get", description = "Print a file's metadata as KEY=VALUE lines (only the given keys, if any).")
    static final class Get extends ClientCommand {
        @Option(names = "--json", description = "Print a JSON object.")
        boolean json;

        @Parameters(index = "0", paramLabel = "REMOTE", description = "owner/project/path/to/file")
        RemotePath file;

        @Parameters(index = "1..*", paramLabel = "KEY", description = "Keys to show.")
        List<String> keys = new ArrayList<>();

        Get(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Map<String, String> all = new TreeMap<>(sv().tree().metadata(Remotes.existing(sv(), file).id()));
            Map<String, String> shown = new LinkedHashMap<>();
            all.forEach((k, v) -> {
                if (keys.isEmpty() || keys.contains(k)) {
                    shown.put(k, v);
                }
            });
            if (json) {
                Output.json(out(), shown);
            } else {
                shown.forEach((k, v) -> out().println(k + "=" + v));
            }
            return 0;
        }
    }

    /** meta set REMOTE KEY=VALUE… */
    @Command(name = "set", description = "Set metadata keys (others stay as they are).")
    static final class Set extends ClientCommand {
        @Parameters(index = "0", paramLabel = "REMOTE", description = "owner/project/path/to/file")
        RemotePath file;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE", description = "Metadata to set.")
        List<String> pairs;

        Set(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            sv().tree().updateMetadata(Remotes.existing(sv(), file).id(), KeyValues.map(pairs));
            return 0;
        }
    }

    /** meta unset REMOTE KEY… */
    @Command(name = "unset", description = "Remove metadata keys.")
    static final class Unset extends ClientCommand {
        @Parameters(index = "0", paramLabel = "REMOTE", description = "owner/project/path/to/file")
        RemotePath file;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "Keys to remove.")
        List<String> keys;

        Unset(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Map<String, String> removals = new LinkedHashMap<>();
            for (String k : keys) {
                if (k.contains("=")) {
                    throw new UsageException("'" + k + "': unset takes keys only");
                }
                removals.put(k, null);
            }
            sv().tree().updateMetadata(Remotes.existing(sv(), file).id(), removals);
            return 0;
        }
    }
}
