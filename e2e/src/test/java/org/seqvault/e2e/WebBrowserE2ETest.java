package org.seqvault.e2e;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web file browser in headless Chromium against the real server process: the browser tests
 * of web/test/browser (playwright-core driving Debian's chromium, installed when missing), which
 * find everything by role and label. Their output and screenshots are under web/target/.
 */
class WebBrowserE2ETest {
    @Test
    void everyItemOfTheBrowserWorksInChromium(@TempDir Path dataDir) throws Exception {
        BrowserScripts.ensureChromium();
        try (ServerProcess server = ServerProcess.start(dataDir, "256m", Map.of())) {
            BrowserScripts.runPassing("test/browser/run.mjs",
                    Map.of("SEQVAULT_URL", server.url, "SEQVAULT_TOKEN", ServerProcess.ADMIN_TOKEN),
                    "browser-tests.log", "Sign out forgets the token");
        }
    }

    /** Uploads (progress, resume after a reload, folders), CSV manifests and the look-inside preview. */
    @Test
    void uploadsManifestsAndPreviewWorkInChromium(@TempDir Path dataDir) throws Exception {
        BrowserScripts.ensureChromium();
        try (ServerProcess server = ServerProcess.start(dataDir, "256m", Map.of())) {
            BrowserScripts.runPassing("test/browser/transfer.mjs",
                    Map.of("SEQVAULT_URL", server.url, "SEQVAULT_TOKEN", ServerProcess.ADMIN_TOKEN),
                    "transfer-tests.log", "no errors in the console");
        }
    }
}
