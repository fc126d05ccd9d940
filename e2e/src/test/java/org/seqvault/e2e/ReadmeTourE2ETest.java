package org.seqvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.stores.S3TestServer;
import org.seqvault.testkit.stores.TestPostgres;

/**
 * Runs the README's "Five-minute tour" exactly as written (its shell blocks, through bash, curl
 * and jq) against the real server process, so the README cannot drift from what the server does:
 * once on the embedded default (SQLite + local files) and once with the production settings
 * (PostgreSQL + S3, where the presigned URLs point at the object store). The only change made to
 * the text is the port: the test's server listens where the OS put it.
 */
class ReadmeTourE2ETest {
    private static final String S3_PREFIX = "readme-tour";
    private static final Path README = Path.of("..", "README.md");
    private static final String TOUR_HEADING = "## Five-minute tour";
    private static final String TOUR_URL = "http://127.0.0.1:8080";
    private static final Pattern BOOTSTRAP = Pattern.compile("export SEQVAULT_BOOTSTRAP_TOKEN=(\\S+)");
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path dataDir;

    @TempDir
    Path workDir;

    @Test
    void theTourWorksAsWrittenOnTheEmbeddedDefault() throws Exception {
        runTour(Map.of());
    }

    @Test
    void theTourWorksAsWrittenOnPostgresqlAndS3() throws Exception {
        TestPostgres.Database db = TestPostgres.newDatabase();
        S3TestServer s3 = S3TestServer.shared();
        try {
            runTour(PostgresAndS3.settings(db, s3, S3_PREFIX, "readme-tour-signing-key-0123456789"));
        } finally {
            s3.clear(S3_PREFIX);
        }
    }

    private void runTour(Map<String, String> backend) throws Exception {
        List<String> blocks = tourBlocks();
        // The first block starts the server; the test starts it itself, with the token the README chose.
        Matcher token = BOOTSTRAP.matcher(blocks.getFirst());
        assertThat(token.find()).as("the tour's first block sets SEQVAULT_BOOTSTRAP_TOKEN").isTrue();
        Map<String, String> env = new HashMap<>(backend);
        env.put("SEQVAULT_BOOTSTRAP_TOKEN", token.group(1));
        try (ServerProcess server = ServerProcess.start(dataDir, "256m", env)) {
            String script = String.join("\n", blocks.subList(1, blocks.size())).replace(TOUR_URL, server.url);
            assertThat(script).as("every call of the tour goes to the tour's server").doesNotContain(":8080");

            String output = runBash(script);

            assertThat(output).as("workspace created").containsPattern("workspace \\S+");
            assertThat(output).as("form upload answered with the file").contains("\"key\": \"raw/sample.vcf\"");
            assertThat(output).as("presigned download served the bytes").contains("#CHROM\tPOS\tID\tREF\tALT");
            assertThat(output).as("Range answered the first 20 bytes").contains("##fileformat=VCFv4.");
            assertThat(output).as("delete answered 204, presigned PUT 200")
                    .containsPattern("(?m)^204$").containsPattern("(?m)^200$");
            assertThat(output).as("confirm answered the large file")
                    .contains("\"key\": \"bam/large_genome.bam\"").contains("\"size\": 50000000");
        }
    }

    /** The ```sh blocks of the tour section, in order. */
    private static List<String> tourBlocks() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        int start = readme.indexOf(TOUR_HEADING);
        assertThat(start).as("README has the tour section").isNotNegative();
        int end = readme.indexOf("\n## ", start + TOUR_HEADING.length());
        String section = readme.substring(start, end < 0 ? readme.length() : end);
        List<String> blocks = new ArrayList<>();
        Matcher m = SH_BLOCK.matcher(section);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        assertThat(blocks).as("the tour's shell blocks").hasSizeGreaterThan(1);
        return blocks;
    }

    /** Runs the script with bash -e in the work directory; fails with its output if it fails. */
    private String runBash(String script) throws IOException, InterruptedException {
        Path file = workDir.resolve("tour.sh");
        Files.writeString(file, "set -euo pipefail\n" + script);
        Process bash = new ProcessBuilder("bash", file.toString()).directory(workDir.toFile())
                .redirectErrorStream(true).start();
        String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).as("the tour finished").isTrue();
        assertThat(bash.exitValue()).as("the tour's exit status; its output:\n" + output).isZero();
        return output;
    }
}
