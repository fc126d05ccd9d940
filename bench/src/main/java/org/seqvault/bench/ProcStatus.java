package org.seqvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads one "Name:   123 kB" line of /proc/<pid>/status. */
final class ProcStatus {
    private ProcStatus() {
    }

    /** CPU time the process has used, user plus system, in milliseconds (/proc/<pid>/stat, 100 ticks a second). */
    static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // Fields after the command name, which is in parentheses and may hold spaces.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    /** CPU time of a process and all its descendants (nginx's workers), in milliseconds. */
    static long cpuMillisTree(long pid) throws IOException {
        long total = cpuMillis(pid);
        for (ProcessHandle child : ProcessHandle.of(pid).map(h -> h.descendants().toList()).orElse(java.util.List.of())) {
            try {
                total += cpuMillis(child.pid());
            } catch (IOException gone) {
                // A process that ended meanwhile.
            }
        }
        return total;
    }

    static long kib(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
            }
        }
        throw new IOException(field + " not in /proc/" + pid + "/status");
    }
}
