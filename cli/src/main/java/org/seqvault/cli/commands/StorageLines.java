package org.seqvault.cli.commands;

import java.util.List;
import org.seqvault.cli.Output;
import org.seqvault.client.Quota;
import org.seqvault.client.Usage;

/** A project's usage and quota as rows for people, the same in {@code projects info} and {@code admin quota}. */
final class StorageLines {
    private StorageLines() {
    }

    static void add(List<String[]> rows, Usage usage, Quota quota) {
        if (usage == null || quota == null) {
            rows.add(new String[] {"stored", "unknown (the server shows no usage)"});
            return;
        }
        rows.add(new String[] {"stored", Output.size(usage.bytes()) + " in " + files(usage.files())});
        rows.add(new String[] {"reserved", Output.size(usage.reservedBytes()) + " by " + usage.reservedFiles()
                + " unfinished upload" + (usage.reservedFiles() == 1 ? "" : "s")});
        rows.add(new String[] {"quota", quota.bytes() == null && quota.files() == null ? "none"
                : (quota.bytes() == null ? "no byte limit" : Output.size(quota.bytes())) + ", "
                + (quota.files() == null ? "no file limit" : files(quota.files()))});
        if (quota.bytes() != null || quota.files() != null) {
            String bytesFree = quota.bytes() == null ? "-"
                    : Output.size(Math.max(0, quota.bytes() - usage.bytes() - usage.reservedBytes()));
            String filesFree = quota.files() == null ? "-"
                    : files(Math.max(0, quota.files() - usage.files() - usage.reservedFiles()));
            rows.add(new String[] {"free", bytesFree + ", " + filesFree});
        }
    }

    private static String files(long n) {
        return n + (n == 1 ? " file" : " files");
    }
}
