package org.seqvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.cli.CliRunner.Result;
import org.seqvault.testkit.TestServer;

/** cp -r, mv and rm -r of folders through the server's jobs: progress lines, one result per item, exit codes. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class FolderJobsCliTest {
    @TempDir
    static Path tmp;
    static TestServer server;
    static CliRunner cli;
    /** Another user, whose public project the first may read and copy from but not change. */
    static CliRunner other;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Files.createDirectories(tmp.resolve("data")));
        Path home = Files.createDirectories(tmp.resolve("home"));
        cli = new CliRunner(Map.of("HOME", home.toString(),
                "SEQVAULT_CONFIG_FILE", home.resolve("none.json").toString(),
                "SEQVAULT_URL", server.url(), "SEQVAULT_TOKEN", server.userToken("gus")));
        other = cli.with("SEQVAULT_TOKEN", server.userToken("hal"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static Result ok(CliRunner runner, String... args) {
        Result r = runner.run(args);
        assertThat(r.exit()).as(String.join(" ", args) + "\n" + r).isZero();
        return r;
    }

    static Result ok(String... args) {
        return ok(cli, args);
    }

    /** A project holding {@code src/} with three files in two folders, and an empty folder. */
    static String projectWithSource(String name) throws Exception {
        String p = ok("projects", "create", name).out().strip();
        Path root = Files.createDirectories(tmp.resolve(name).resolve("src"));
        Files.createDirectories(root.resolve("NA12878"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("NA12878/reads_1.fq"), "@r1\nACGT\n+\nIIII\n");
        Files.writeString(root.resolve("NA12878/reads_2.fq"), "@r2\nTTGA\n+\nIIII\n");
        Files.writeString(root.resolve("calls.vcf"), "##fileformat=VCFv4.2\n");
        ok("upload", "-r", "--no-progress", root.toString(), p);
        return p;
    }

    /** Every path below {@code remote} with its id. */
    static Map<String, String> ids(String remote) {
        Map<String, String> ids = new HashMap<>();
        for (JsonNode f : ok("ls", "-r", "--json", remote).json()) {
            ids.put(f.get("path").asText().substring(remote.length()), f.get("id").asText());
        }
        return ids;
    }

    @Test
    void cpRecursiveCopiesAFolderThroughAJobShowingItsProgressInFiles() throws Exception {
        String p = projectWithSource("Cp source");
        String q = ok("projects", "create", "Cp target").out().strip();

        Result copied = ok("cp", "-r", p + "/src", q);
        assertThat(copied.out()).isEqualTo("copied " + p + "/src/ -> " + q + "/src/\n");
        assertThat(copied.err()).as("stderr is no terminal: progress as lines")
                .endsWith("copy: 6/6 files and folders\n");
        assertThat(ids(q + "/src").keySet()).containsExactlyInAnyOrder("/NA12878", "/NA12878/reads_1.fq",
                "/NA12878/reads_2.fq", "/calls.vcf", "/empty");
        JsonNode newest = ok("jobs", "ls", "--json", "--limit", "1").json();
        assertThat(newest).hasSize(1);
        assertThat(newest.get(0).get("type").asText()).isEqualTo("COPY");
        assertThat(newest.get(0).get("total_files").asLong()).isEqualTo(6);
        assertThat(newest.get(0).get("result").get(0).get("resource").get("name").asText()).isEqualTo("src");
        String table = ok("jobs", "ls", "--limit", "1").out();
        assertThat(table).startsWith("ID").contains(newest.get(0).get("id").asText() + "  COPY  FINISHED   6/6")
                .hasLineCount(2);

        Result again = ok("cp", "-r", "--no-progress", p + "/src", q);
        assertThat(again.out()).as("the name is taken: renamed, not refused")
                .isEqualTo("copied " + p + "/src/ -> " + q + "/_1_src/\n");
        assertThat(again.err()).isEmpty();
        assertThat(ok("cp", "-r", "--no-progress", p + "/src", q + "/named").out())
                .isEqualTo("copied " + p + "/src/ -> " + q + "/named/\n");

        Result project = ok("cp", "-r", "--no-progress", p, q + "/whole");
        assertThat(project.out()).as("a project's root is not copied as such: what it holds is")
                .isEqualTo("copied " + p + "/src/ -> " + q + "/whole/src/\n");
        assertThat(ids(q + "/whole")).containsKeys("/src/NA12878/reads_1.fq", "/src/empty");

        Result notRecursive = cli.run("cp", p + "/src", q + "/x");
        assertThat(notRecursive.exit()).isEqualTo(1);
        assertThat(notRecursive.err()).isEqualTo("seqvault: " + p + "/src is a folder (use -r)\n");
        ok("cp", p + "/src/calls.vcf", q + "/calls.vcf");
        assertThat(ids(q)).containsKey("/calls.vcf");
    }

    @Test
    void mvMovesAFolderKeepingTheIdsOfWhatIsInItAlsoToAnotherProject() throws Exception {
        String p = projectWithSource("Mv source");
        String q = ok("projects", "create", "Mv target").out().strip();
        Map<String, String> before = ids(p + "/src");

        assertThat(ok("mv", "--no-progress", p + "/src", p + "/renamed").out())
                .isEqualTo("moved " + p + "/src/ -> " + p + "/renamed/\n");
        assertThat(ids(p + "/renamed")).isEqualTo(before);
        Result across = ok("mv", "-r", p + "/renamed", q);
        assertThat(across.out()).isEqualTo("moved " + p + "/renamed/ -> " + q + "/renamed/\n");
        assertThat(across.err()).endsWith("move: 6/6 files and folders\n");
        assertThat(ids(q + "/renamed")).isEqualTo(before);
        assertThat(ids(p)).isEmpty();
    }

    @Test
    void rmRecursiveDeletesFoldersInAJobAndReportsEveryItemWithExitOneWhenOneFailed() throws Exception {
        String p = projectWithSource("Rm mine");
        ok("mkdir", p + "/other/deeper");
        String shared = ok(other, "projects", "create", "--public", "Rm shared").out().strip();
        ok(other, "mkdir", shared + "/data");

        Result notRecursive = cli.run("rm", p + "/src");
        assertThat(notRecursive.exit()).isEqualTo(1);
        assertThat(notRecursive.err()).isEqualTo("seqvault: " + p + "/src: is a folder (use -r)\n");

        Result r = cli.run("rm", "-r", p + "/src", shared + "/data", p + "/nope", p + "/other");
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEqualTo("deleted " + p + "/src/\ndeleted " + p + "/other/\n");
        assertThat(r.err()).contains("seqvault: " + p + "/nope: no such file or folder\n")
                .contains("seqvault: " + shared + "/data: ").contains("(HTTP 403, 5001)")
                .contains("delete: 9/9 files and folders, 1 failed\n");
        assertThat(ids(p)).isEmpty();
        assertThat(ids(shared)).as("the item that failed changed nothing").containsOnlyKeys("/data");
    }

    @Test
    void aCopyIntoAProjectTheUserMayNotWriteFailsWithExitOne() throws Exception {
        String p = projectWithSource("Cp refused");
        String shared = ok(other, "projects", "create", "--public", "Cp refused target").out().strip();

        Result r = cli.run("cp", "-r", "--no-progress", p + "/src", shared);
        assertThat(r.exit()).as(r.toString()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("seqvault: " + p + "/src: ").contains("(HTTP 403, 5001)");
        assertThat(ids(shared)).isEmpty();
    }
}
