package org.seqvault.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads files just before a timed run so both sides of a ratio start from the page cache. This
 * machine's kernel pages out cold memory on its own (DAMON "pageout"), so a file written a minute
 * ago may already be gone from memory.
 */
final class PageCache {
    private PageCache() {
    }

    static void warm(Path... paths) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("cat"));
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(Files::isRegularFile).forEach(f -> cmd.add(f.toString()));
                }
            } else {
                cmd.add(p.toString());
            }
        }
        if (cmd.size() > 1) {
            new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start().onExit().join();
        }
    }

    /** The 1-, 5- and 15-minute load averages: other work on the machine shows up here. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
