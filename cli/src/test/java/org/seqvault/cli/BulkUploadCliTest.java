package org.seqvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.cli.CliRunner.Result;
import org.seqvault.testkit.TestServer;

/**
 * Many small files through the CLI: on a server with the default settings they go up and come
 * back without a single wait for a rate limit; on one with a small per-token limit the CLI waits
 * out each 429 as its Retry-After says, says so, and finishes; and {@code --skip-existing} leaves
 * what is there alone, reports what differs, and replaces it with {@code --overwrite}.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES) // a hung server fails the test instead of the build
class BulkUploadCliTest {
    static final int FILES = 300;
    static final String RATE_LIMIT_NOTE = "seqvault: rate limited by the server; waiting ";

    @TempDir
    static Path tmp;
    static TestServer defaults;
    static TestServer limited;

    @BeforeAll
    static void start() throws Exception {
        defaults = TestServer.start(Files.createDirectories(tmp.resolve("server-defaults")));
        limited = TestServer.start(Files.createDirectories(tmp.resolve("server-limited")), "--rate-limit", "20",
                "--rate-limit-window", "2s");
    }

    @AfterAll
    static void stop() {
        for (TestServer s : new TestServer[] {defaults, limited}) {
            if (s != null) {
                s.close();
            }
        }
    }

    static CliRunner cli(TestServer server, String user) {
        return new CliRunner(Map.of("SEQVAULT_URL", server.url(), "SEQVAULT_TOKEN", server.userToken(user),
                "SEQVAULT_CONFIG_FILE", tmp.resolve("no-login-" + user + ".json").toString(), "HOME", tmp.toString()));
    }

    static Result ok(CliRunner cli, String... args) {
        Result r = cli.run(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    static Path smallFiles(String name, int count) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        for (int i = 0; i < count; i++) {
            Files.writeString(dir.resolve(String.format("reads_%04d.fq", i)), "@r" + i + "\nACGT\n+\nIIII\n");
        }
        return dir;
    }

    @Test
    void hundredsOfSmallFilesGoUpAndComeBackOnDefaultsWithoutARateLimit() throws Exception {
        CliRunner cli = cli(defaults, "hana");
        String project = ok(cli, "projects", "create", "Bulk").out().strip();
        Path dir = smallFiles("bulk", FILES);

        Result up = ok(cli, "upload", "-r", dir.toString(), project);
        assertThat(up.err()).contains("uploaded " + FILES + " files").doesNotContain(RATE_LIMIT_NOTE);
        Result listed = ok(cli, "ls", project + "/bulk");
        assertThat(listed.out().lines()).hasSize(FILES);
        Path back = tmp.resolve("bulk-back");
        Result down = ok(cli, "download", "-r", project + "/bulk", back.toString());
        assertThat(down.err()).contains("downloaded " + FILES + " files").doesNotContain(RATE_LIMIT_NOTE);
        try (Stream<Path> files = Files.list(back.resolve("bulk"))) {
            assertThat(files.count()).isEqualTo(FILES);
        }
        assertThat(back.resolve("bulk/reads_0123.fq")).hasSameTextualContentAs(dir.resolve("reads_0123.fq"));
    }

    @Test
    void pastTheRateLimitTheCliWaitsAsToldSaysSoAndFinishes() throws Exception {
        CliRunner cli = cli(limited, "ida");
        String project = ok(cli, "projects", "create", "Limited").out().strip();
        // Some 4 requests per file (open, part URL, part report, complete): far more than 20 per window.
        Path dir = smallFiles("limited", 25);

        Result up = ok(cli, "upload", "-r", dir.toString(), project);
        assertThat(up.err()).containsPattern("seqvault: rate limited by the server; waiting [12] s \\(Retry-After\\)")
                .contains("uploaded 25 files");
        assertThat(ok(cli, "ls", project + "/limited").out().lines()).hasSize(25);
    }

    @Test
    void skipExistingSkipsTheSameBytesReportsOthersAsConflictsAndOverwriteReplacesThem() throws Exception {
        CliRunner cli = cli(defaults, "jon");
        String project = ok(cli, "projects", "create", "Again").out().strip();
        Path dir = smallFiles("again", 4);
        ok(cli, "upload", "-r", dir.toString(), project);
        // One file gone from the server, one changed here (same size), one changed here (another size).
        ok(cli, "rm", project + "/again/reads_0000.fq");
        Files.writeString(dir.resolve("reads_0001.fq"), "@r9\nACGT\n+\nIIII\n");
        Files.writeString(dir.resolve("reads_0002.fq"), "@r2\nACGTACGT\n+\nIIIIIIII\n");

        Result again = cli.run("upload", "-r", "--skip-existing", dir.toString(), project);
        assertThat(again.exit()).as(again.toString()).isEqualTo(1);
        String remote = project + "/again/";
        assertThat(again.err())
                .contains("uploaded " + dir.resolve("reads_0000.fq") + " -> " + remote + "reads_0000.fq")
                .contains("seqvault: " + dir.resolve("reads_0001.fq") + ": " + remote + "reads_0001.fq exists with other"
                        + " content (its size or SHA-256 differs); use --overwrite to replace it")
                .contains(remote + "reads_0002.fq exists with other content")
                .contains("skipped " + dir.resolve("reads_0003.fq") + " -> " + remote + "reads_0003.fq")
                .contains("seqvault: 2 of 4 failed");

        Result replaced = ok(cli, "upload", "-r", "--skip-existing", "--overwrite", "--json", dir.toString(), project);
        assertThat(replaced.json().get("uploaded")).hasSize(2);
        assertThat(replaced.json().get("skipped")).hasSize(2);
        Path back = tmp.resolve("again-back");
        ok(cli, "download", "-r", project + "/again", back.toString());
        for (int i = 0; i < 4; i++) {
            String name = String.format("reads_%04d.fq", i);
            assertThat(back.resolve("again").resolve(name)).hasSameTextualContentAs(dir.resolve(name));
        }
    }
}
