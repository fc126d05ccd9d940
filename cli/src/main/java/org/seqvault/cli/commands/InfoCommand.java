package org.seqvault.cli.commands;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.seqvault.cli.CliContext;
import org.seqvault.cli.ClientCommand;
import org.seqvault.cli.Output;
import org.seqvault.client.RemoteFile;
import org.seqvault.client.RemotePath;
import org.seqvault.client.internal.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** seqvault info [--json] REMOTE */
@Command(name = "info", description = {"Show one file or folder: its id, size, times, metadata, tags and, for a file,"
        + " its GA4GH DRS URI (drs://host/id), its index files (a BAM's .bai, …) and how reading its header went."})
public final class InfoCommand extends ClientCommand {
    @Option(names = "--json", description = "Print the file object (the v2 shape, with its \"path\").")
    boolean json;

    @Parameters(paramLabel = "REMOTE", description = "owner/project/path/to/file or folder")
    RemotePath remote;

    InfoCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        RemoteFile f = Remotes.existing(sv(), remote);
        if (json) {
            ObjectNode node = Json.MAPPER.valueToTree(f);
            node.put("path", remote.toString());
            Output.json(out(), node);
            return 0;
        }
        List<String[]> rows = Output.rows();
        rows.add(new String[] {"path", remote.toString()});
        rows.add(new String[] {"id", f.id()});
        rows.add(new String[] {"type", f.type()});
        if (!f.isFolder()) {
            rows.add(new String[] {"size", Output.size(f.size()) + " (" + f.size() + " bytes)"});
            rows.add(new String[] {"drs", f.drsUri()});
        }
        rows.add(new String[] {"created", Output.time(f.createdOn())});
        rows.add(new String[] {"modified", Output.time(f.modifiedOn())});
        List<String> meta = new ArrayList<>();
        f.metadata().forEach((k, v) -> meta.add(k + "=" + v));
        if (!meta.isEmpty()) {
            rows.add(new String[] {"metadata", String.join(" ", meta)});
        }
        if (!f.tags().isEmpty()) {
            rows.add(new String[] {"tags", String.join(",", f.tags())});
        }
        if (!f.secondaryFiles().isEmpty()) {
            rows.add(new String[] {"index", String.join(" ", f.secondaryFiles().stream().map(RemoteFile::name).toList())});
        }
        if (f.extractedMetadata() != null) {
            RemoteFile.HeaderMetadata header = f.extractedMetadata();
            rows.add(new String[] {"header", header.status() + (header.keys().isEmpty() ? ""
                    : " (read: " + String.join(", ", header.keys()) + ")")});
        }
        Output.table(out(), rows);
        return 0;
    }
}
