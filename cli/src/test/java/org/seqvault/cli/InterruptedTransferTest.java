package org.seqvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.cli.CliRunner.Result;
import org.seqvault.testkit.FaultyProxy;
import org.seqvault.testkit.TestFiles;
import org.seqvault.testkit.TestServer;

/**
 * Ctrl-C in the middle of a transfer, for real: the CLI runs as a process of its own, the bytes
 * go through a proxy that lets the first part (or range) through and holds the next, and once the
 * proxy holds one the process gets SIGINT. It must say how to continue; the same command run again
 * must say that it resumed, count only what it moved itself, and say what it verified.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES) // a hung server fails the test instead of the build
class InterruptedTransferTest {
    static final long MIB = 1L << 20;

    @TempDir
    static Path tmp;
    static FaultyProxy proxy;
    static TestServer server;
    static Map<String, String> env;
    static CliRunner cli;
    static String project;

    @BeforeAll
    static void start() throws Exception {
        proxy = new FaultyProxy(20261206L);
        // Presigned URLs carry the public URL: part PUTs and range GETs go through the proxy.
        server = TestServer.start(Files.createDirectories(tmp.resolve("data")), "--public-url", proxy.url());
        proxy.forwardTo(server.port());
        env = Map.of("SEQVAULT_URL", server.url(), "SEQVAULT_TOKEN", server.userToken("gina"),
                "SEQVAULT_CONFIG_FILE", tmp.resolve("no-login.json").toString(), "HOME", tmp.toString());
        cli = new CliRunner(env);
        Result created = cli.run("projects", "create", "Interrupted");
        assertThat(created.exit()).as(created.toString()).isZero();
        project = created.out().strip();
    }

    @AfterAll
    static void stop() throws IOException {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void anUploadStoppedByCtrlCSaysHowToContinueAndTheNextRunThatItResumed() throws Exception {
        Path big = Files.createDirectories(tmp.resolve("up")).resolve("big.bin");
        String sha = TestFiles.random(big, 70 * MIB, 11); // parts of 32, 32 and 6 MiB
        String[] upload = {"upload", "--parallel", "1", big.toString(), project + "/in"};

        proxy.holdRequests(line -> line.startsWith("PUT /_blob/up/"), 1);
        String said = interruptOnceHeld(upload);
        proxy.stopHolding();
        assertThat(said).contains("seqvault: interrupted with 0 of 1 file uploaded. Run the same command again with "
                + "--skip-existing to continue where it stopped: files uploaded already are skipped, and each unfinished "
                + "file goes on from the parts the server has.");

        // As the interruption suggests: an unfinished file is not there yet, so it is resumed, not skipped.
        Result again = cli.run("upload", "--skip-existing", "--parallel", "1", big.toString(), project + "/in");
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.err()).contains("resuming " + big + ": 32.0 MiB of 70.0 MiB came through in an earlier run")
                .contains("uploaded " + big + " -> " + project + "/in/big.bin (70.0 MiB, 38.0 MiB of it now)")
                .containsPattern("uploaded 1 file \\(38\\.0 MiB now, 32\\.0 MiB in an earlier run\\) in [0-9.]+ s, "
                        + "[0-9.]+ [KMG]?i?B/s; every part's MD5 checked against the server's");

        Path back = tmp.resolve("up-back");
        Result download = cli.run("download", project + "/in/big.bin", back.toString());
        assertThat(download.exit()).as(download.toString()).isZero();
        assertThat(TestFiles.sha256(back.resolve("big.bin"))).isEqualTo(sha);
    }

    /**
     * A directory upload stopped after two of five files (one at a time, in name order: the third
     * file's PUT is held), run again with --skip-existing: the two are skipped, the other three go
     * up, and it exits 0. Without the option the two would be refused as existing.
     */
    @Test
    void anInterruptedDirectoryUploadRunAgainWithSkipExistingFinishesTheRest() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("batch"));
        for (int i = 1; i <= 5; i++) {
            Files.writeString(dir.resolve("sample" + i + ".vcf"), "##fileformat=VCFv4.2\n#sample " + i + "\n");
        }
        String[] upload = {"upload", "-r", "--skip-existing", "--parallel", "1", dir.toString(), project + "/batches"};

        proxy.holdRequests(line -> line.startsWith("PUT /_blob/up/"), 2);
        String said = interruptOnceHeld(upload);
        proxy.stopHolding();
        assertThat(said).contains("seqvault: interrupted with 2 of 5 files uploaded.");

        Result again = cli.run(upload);
        assertThat(again.exit()).as(again.toString()).isZero();
        String remote = project + "/batches/batch/";
        assertThat(again.err()).contains("skipped " + dir.resolve("sample1.vcf") + " -> " + remote + "sample1.vcf")
                .contains("skipped " + dir.resolve("sample2.vcf") + " -> " + remote + "sample2.vcf")
                .contains("uploaded " + dir.resolve("sample3.vcf") + " -> " + remote + "sample3.vcf")
                .contains("uploaded " + dir.resolve("sample5.vcf") + " -> " + remote + "sample5.vcf")
                .containsPattern("uploaded 3 files \\(")
                .contains("skipped 2 files that the server has already (same size and SHA-256)");

        Path back = tmp.resolve("batch-back");
        Result download = cli.run("download", "-r", project + "/batches/batch", back.toString());
        assertThat(download.exit()).as(download.toString()).isZero();
        for (int i = 1; i <= 5; i++) {
            assertThat(back.resolve("batch").resolve("sample" + i + ".vcf"))
                    .hasSameTextualContentAs(dir.resolve("sample" + i + ".vcf"));
        }
    }

    @Test
    void aDownloadStoppedByCtrlCSaysHowToContinueAndTheNextRunThatItResumed() throws Exception {
        Path src = Files.createDirectories(tmp.resolve("down-src")).resolve("reads.cram");
        String sha = TestFiles.random(src, 40 * MIB, 12); // ranges of 16, 16 and 8 MiB
        Result up = cli.run("upload", src.toString(), project + "/dl");
        assertThat(up.exit()).as(up.toString()).isZero();
        Path out = tmp.resolve("down-out");
        String[] download = {"download", "--parallel", "1", project + "/dl/reads.cram", out.toString()};

        proxy.holdRequests(line -> line.startsWith("GET /_blob/dl/"), 1);
        String said = interruptOnceHeld(download);
        proxy.stopHolding();
        assertThat(said).contains("seqvault: interrupted with 0 of 1 file downloaded. Run the same command again "
                + "to continue where it stopped: each unfinished file goes on from its NAME.part.");
        assertThat(out.resolve("reads.cram.part")).exists();

        Result again = cli.run(download);
        assertThat(again.exit()).as(again.toString()).isZero();
        assertThat(again.err()).contains("resuming " + project + "/dl/reads.cram: 16.0 MiB of 40.0 MiB came through "
                        + "in an earlier run")
                .containsPattern("downloaded 1 file \\(24\\.0 MiB now, 16\\.0 MiB in an earlier run\\) in [0-9.]+ s, "
                        + "[0-9.]+ [KMG]?i?B/s; every file's SHA-256 checked against the server's");
        assertThat(TestFiles.sha256(out.resolve("reads.cram"))).isEqualTo(sha);
    }

    /**
     * Runs the CLI as a process until the proxy holds one of its requests, then interrupts it as
     * Ctrl-C does; returns what it printed on stderr.
     */
    private static String interruptOnceHeld(String... args) throws Exception {
        int heldBefore = proxy.held();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Dseqvault.stdin.tty=false",
                "-Dseqvault.stderr.tty=false", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Path stderr = Files.createTempFile(tmp, "cli", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        Process process = pb.start();
        try {
            while (proxy.held() == heldBefore) { // the transfer stands at a known point once a request is held
                assertThat(process.isAlive()).as("the CLI ended before the proxy held anything: "
                        + Files.readString(stderr)).isTrue();
                Thread.sleep(20);
            }
            interrupt(process);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the CLI stopped").isTrue();
            assertThat(process.exitValue()).as("stopped by a signal, not finished").isNotZero();
            return Files.readString(stderr, StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
    }

    /**
     * SIGINT, as Ctrl-C sends. A process started with SIGINT ignored (by a non-interactive shell
     * that ran us in the background) keeps ignoring it, and so does the JVM; it then gets SIGTERM,
     * which runs the same shutdown hooks.
     */
    private static void interrupt(Process process) throws Exception {
        String signal = ignoresSigint(process.pid()) ? "TERM" : "INT";
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }

    private static boolean ignoresSigint(long pid) throws IOException {
        Path status = Path.of("/proc/" + pid + "/status");
        if (!Files.exists(status)) {
            return false;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(line.substring(7).strip(), 16);
                return (ignored & (1L << (2 - 1))) != 0; // SIGINT is signal 2
            }
        }
        return false;
    }
}
