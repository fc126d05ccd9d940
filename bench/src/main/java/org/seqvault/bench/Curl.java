package org.seqvault.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Byte transfers with curl, the same client for SeqVault and every baseline, so the client's own
 * cost is the same on both sides of a ratio.
 */
final class Curl {
    private Curl() {
    }

    /** GET to /dev/null; returns the body's byte count after checking the status. */
    static List<String> download(String url, String range) {
        List<String> cmd = new ArrayList<>(List.of("curl", "-sS", "--fail", "-o", "/dev/null", "-w", "%{http_code} %{size_download}"));
        if (range != null) {
            cmd.addAll(List.of("-r", range));
        }
        cmd.add(url);
        return cmd;
    }

    /** PUT a file's bytes; prints the status, then the response headers go to stdout too (-D -). */
    static List<String> upload(String url, Path file) {
        return List.of("curl", "-sS", "--fail", "-T", file.toString(), "-H", "Content-Type: application/octet-stream",
                "-H", "Expect:", "-D", "-", "-o", "/dev/null", url);
    }

    /** The ETag header of a `curl -D -` output. */
    static String etag(String headers) throws IOException {
        for (String line : headers.split("\r?\n")) {
            if (line.regionMatches(true, 0, "ETag:", 0, 5)) {
                return line.substring(5).trim();
            }
        }
        throw new IOException("no ETag in: " + headers);
    }

    /** Runs several curl commands at once; returns when all have finished successfully. */
    static List<String> parallel(List<List<String>> commands) throws IOException {
        List<Process> running = new ArrayList<>();
        for (List<String> c : commands) {
            running.add(Cmd.start(c));
        }
        List<String> outputs = new ArrayList<>();
        for (int i = 0; i < running.size(); i++) {
            outputs.add(Cmd.finish(running.get(i), commands.get(i), 30));
        }
        return outputs;
    }
}
