package org.seqvault.cli.commands;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.CommandFailure;
import org.seqvault.cli.Output;
import org.seqvault.client.FileQuery;
import org.seqvault.client.RemoteFile;
import org.seqvault.client.RemotePath;
import org.seqvault.client.internal.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** seqvault ls [--json] [-r] [--meta k=v]… [--tag T]… REMOTE */
@Command(name = "ls", description = {"List a folder, show a file, or list the names that start with a prefix.",
        "REMOTE is a folder (or a project's top), a file, or a folder followed by the start of names in it.",
        "--meta and --tag keep files whose metadata value is one of those given for each key, and that carry "
        + "one of the tags."})
public final class LsCommand extends ClientCommand {
    @Option(names = "--json", description = "Print a JSON array of files (with their full \"path\").")
    boolean json;

    @Option(names = {"-r", "--recursive"}, description = "Also list everything in the folders below.")
    boolean recursive;

    @Option(names = "--meta", paramLabel = "KEY=VALUE", description = "Only files with this metadata (repeatable).")
    List<String> meta = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG", description = "Only files with this tag (repeatable).")
    List<String> tags = new ArrayList<>();

    @Parameters(paramLabel = "REMOTE", description = "owner/project[/folder/…][/name or name prefix]")
    RemotePath remote;

    LsCommand(CliContext ctx) {
        super(ctx);
    }

    /** A listed item and its path. */
    private record Entry(RemotePath path, String shown, RemoteFile file) {
    }

    @Override
    public Integer call() {
        FileFilter filter = new FileFilter(KeyValues.grouped(meta), tags);
        List<Entry> entries = new ArrayList<>();
        Optional<RemoteFile> target = sv().tree().find(remote);
        if (target.isPresent() && target.get().isFolder()) {
            collect(target.get(), remote, "", filter, entries);
        } else if (target.isPresent()) {
            entries.add(new Entry(remote, remote.name(), target.get()));
        } else {
            byPrefix(filter, entries);
        }
        print(entries);
        return 0;
    }

    private void collect(RemoteFile folder, RemotePath path, String shownPrefix, FileFilter filter, List<Entry> into) {
        Iterable<RemoteFile> children = recursive || filter.isEmpty()
                ? sv().tree().list(folder.id())
                : sv().tree().query(filter.applyTo(FileQuery.inFolder(folder.id())));
        for (RemoteFile child : children) {
            String shown = shownPrefix + child.name();
            if (filter.matches(child)) {
                into.add(new Entry(path.child(child.name()), shown + (child.isFolder() ? "/" : ""), child));
            }
            if (recursive && child.isFolder()) {
                collect(child, path.child(child.name()), shown + "/", filter, into);
            }
        }
    }

    /** No such name: list the names in the folder above that start with it. */
    private void byPrefix(FileFilter filter, List<Entry> into) {
        if (remote.isProjectRoot()) {
            sv().projects().get(remote.project()); // a 404 naming the project
        }
        RemotePath folderPath = remote.parent();
        RemoteFile folder = sv().tree().find(folderPath).filter(RemoteFile::isFolder)
                .orElseThrow(() -> new CommandFailure(remote + ": no such file or folder"));
        List<Entry> all = new ArrayList<>();
        collect(folder, folderPath, "", filter, all);
        all.stream().filter(e -> e.shown().startsWith(remote.name())).forEach(into::add);
        if (into.isEmpty()) {
            throw new CommandFailure(remote + ": no such file or folder");
        }
    }

    private void print(List<Entry> entries) {
        if (json) {
            ArrayNode array = Json.MAPPER.createArrayNode();
            for (Entry e : entries) {
                ObjectNode node = Json.MAPPER.valueToTree(e.file());
                node.put("path", e.path().toString());
                array.add(node);
            }
            Output.json(out(), array);
            return;
        }
        List<String[]> rows = Output.rows();
        for (Entry e : entries) {
            RemoteFile f = e.file();
            rows.add(new String[] {f.isFolder() ? "-" : Output.size(f.size()), Output.time(f.modifiedOn()), e.shown(),
                    labels(f)});
        }
        Output.table(out(), rows, 0);
    }

    private static String labels(RemoteFile f) {
        List<String> parts = new ArrayList<>();
        f.metadata().forEach((k, v) -> parts.add(k + "=" + v));
        if (!f.tags().isEmpty()) {
            parts.add("[" + String.join(",", f.tags()) + "]");
        }
        return String.join(" ", parts);
    }
}
