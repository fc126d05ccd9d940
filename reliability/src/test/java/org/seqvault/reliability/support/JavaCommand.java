package org.seqvault.reliability.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The command line and environment that run {@code seqvault <args>} in a fresh JVM on this
 * test's class path, as {@code bin/seqvault} would: inherited {@code SEQVAULT_*} variables are
 * dropped so only what the test sets counts.
 */
final class JavaCommand {
    private JavaCommand() {
    }

    /** {@code shortLived}: a command that runs for seconds, where the optimising compiler would only cost start-up time. */
    static ProcessBuilder seqvault(String heap, Map<String, String> env, List<String> args, boolean shortLived) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                "--enable-native-access=ALL-UNNAMED"));
        if (shortLived) {
            cmd.add("-XX:TieredStopAtLevel=1");
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.seqvault.server.Main"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("SEQVAULT_"));
        pb.environment().putAll(env);
        return pb;
    }
}
