package org.seqvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The web module's browser tests (web/test/browser/*.mjs: playwright-core driving Debian's
 * chromium), run with node in web/ against a server the calling test started. Their output and
 * screenshots go under web/target/.
 */
final class BrowserScripts {
    private static final Path WEB = Path.of("..", "web").toAbsolutePath().normalize();

    private BrowserScripts() {
    }

    /** Installs Debian's chromium when it is missing (web/scripts/ensure-chromium.sh). */
    static void ensureChromium() throws IOException, InterruptedException {
        assertThat(run(List.of("bash", "scripts/ensure-chromium.sh"), Map.of(), "ensure-chromium.log"))
                .as("Chromium for the browser tests (see web/target/ensure-chromium.log)").isZero();
    }

    /**
     * Runs {@code script} with {@code env}, its output to web/target/{logName}, and checks that it
     * passed: exit code 0, no FAIL line, and {@code lastCheck} among its "ok" lines.
     */
    static void runPassing(String script, Map<String, String> env, String logName, String lastCheck)
            throws IOException, InterruptedException {
        int exit = run(List.of("node", script), env, logName);
        String log = Files.readString(WEB.resolve("target").resolve(logName), StandardCharsets.UTF_8);
        assertThat(exit).as("browser tests:\n%s", log).isZero();
        assertThat(log).doesNotContain("FAIL").contains("ok   " + lastCheck);
    }

    /** Runs a command in web/, its output to web/target/{logName}; returns its exit code. */
    private static int run(List<String> command, Map<String, String> env, String logName)
            throws IOException, InterruptedException {
        Path log = WEB.resolve("target").resolve(logName);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(WEB.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 10 minutes; see " + log);
        }
        return process.exitValue();
    }
}
