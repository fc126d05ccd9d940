package org.seqvault.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command (curl, dd, wrk, nginx) and returns its standard output. */
final class Cmd {
    private Cmd() {
    }

    static String run(List<String> command) throws IOException {
        return run(command, 30);
    }

    static String run(List<String> command, int timeoutMinutes) throws IOException {
        Process p = start(command);
        return finish(p, command, timeoutMinutes);
    }

    static Process start(List<String> command) throws IOException {
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.PIPE).start();
    }

    static String finish(Process p, List<String> command, int timeoutMinutes) throws IOException {
        try {
            // Read both pipes fully: outputs here are small, and an unread pipe could block the child.
            var err = new java.util.concurrent.CompletableFuture<String>();
            Thread t = Thread.ofVirtual().start(() -> {
                try {
                    err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    err.complete(e.toString());
                }
            });
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("timed out: " + String.join(" ", command));
            }
            t.join();
            if (p.exitValue() != 0) {
                throw new IOException("exit " + p.exitValue() + ": " + String.join(" ", command) + "\n" + out + err.join());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** Runs the harness JDK's jcmd against a process (a server) and returns what it printed. */
    static String jcmd(long pid, String... command) throws IOException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(java.nio.file.Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("jcmd")
                .toString());
        cmd.add(Long.toString(pid));
        cmd.addAll(List.of(command));
        return run(cmd);
    }

    /** Flushes dirty pages so one measurement's writes do not slow the next one down. */
    static void sync() throws IOException {
        run(List.of("sync"));
    }
}
