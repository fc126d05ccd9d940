package org.seqvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web file browser in headless Chromium against the real server process: the browser tests
 * of web/test/browser (playwright-core driving Debian's chromium, installed when missing), which
 * find everything by role and label. Their output and screenshots are under web/target/.
 */
class WebBrowserE2ETest {
    private static final Path WEB = Path.of("..", "web").toAbsolutePath().normalize();

    @Test
    void everyItemOfTheBrowserWorksInChromium(@TempDir Path dataDir) throws Exception {
        assertThat(run(List.of("bash", "scripts/ensure-chromium.sh"), Map.of(), "ensure-chromium.log"))
                .as("Chromium for the browser tests (see web/target/ensure-chromium.log)").isZero();
        try (ServerProcess server = ServerProcess.start(dataDir, "256m", Map.of())) {
            int exit = run(List.of("node", "test/browser/run.mjs"),
                    Map.of("SEQVAULT_URL", server.url, "SEQVAULT_TOKEN", ServerProcess.ADMIN_TOKEN), "browser-tests.log");
            String log = Files.readString(WEB.resolve("target/browser-tests.log"), StandardCharsets.UTF_8);
            assertThat(exit).as("browser tests:\n%s", log).isZero();
            assertThat(log).doesNotContain("FAIL").contains("ok   Sign out forgets the token");
        }
    }

    /** Uploads (progress, resume after a reload, folders), CSV manifests and the look-inside preview. */
    @Test
    void uploadsManifestsAndPreviewWorkInChromium(@TempDir Path dataDir) throws Exception {
        assertThat(run(List.of("bash", "scripts/ensure-chromium.sh"), Map.of(), "ensure-chromium.log"))
                .as("Chromium for the browser tests (see web/target/ensure-chromium.log)").isZero();
        try (ServerProcess server = ServerProcess.start(dataDir, "256m", Map.of())) {
            int exit = run(List.of("node", "test/browser/transfer.mjs"),
                    Map.of("SEQVAULT_URL", server.url, "SEQVAULT_TOKEN", ServerProcess.ADMIN_TOKEN), "transfer-tests.log");
            String log = Files.readString(WEB.resolve("target/transfer-tests.log"), StandardCharsets.UTF_8);
            assertThat(exit).as("browser tests:\n%s", log).isZero();
            assertThat(log).doesNotContain("FAIL").contains("ok   no errors in the console");
        }
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
