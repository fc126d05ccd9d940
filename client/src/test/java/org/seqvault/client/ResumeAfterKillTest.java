package org.seqvault.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.TestFiles;
import org.seqvault.testkit.TestServer;

/**
 * An upload and a download run in a child JVM that is killed (SIGKILL) half-way; the same
 * transfer started again in this JVM continues where the dead one stopped and ends verified.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a hung server fails the test instead of the build
class ResumeAfterKillTest {
    static final long SIZE = 64L << 20;
    static final long PIECE = 2L << 20;

    @TempDir
    static Path tmp;
    static TestServer server;
    static String token;
    static SeqVault sv;
    static Project project;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Files.createDirectories(tmp.resolve("data")));
        token = server.userToken("dave");
        sv = SeqVault.connect(server.url(), token);
        project = sv.projects().create("Resume");
    }

    @AfterAll
    static void stop() throws Exception {
        if (sv != null) {
            sv.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anUploadKilledHalfWayContinuesFromTheStateFile() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("up1")).resolve("reads.fq.gz");
        String sha = TestFiles.random(source, SIZE, 1);
        String folder = sv.tree().mkdirs(RemotePath.parse(project.id() + "/up1")).id();
        killHalfWay("upload", server.url(), token, source.toString(), folder, Long.toString(PIECE));
        Path state = source.resolveSibling(".reads.fq.gz.seqvault-upload");
        assertThat(state).as("the dead run's state file").exists();

        Resumed resumed = new Resumed();
        RemoteFile file = sv.transfers().upload(source, folder, UploadOptions.defaults().partSize(PIECE).listener(resumed));
        assertResumedAndWhole(resumed, file, sha);
        assertThat(state).doesNotExist();
    }

    @Test
    void anUploadWhoseStateFileIsLostIsFoundAmongTheServersOpenUploads() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("up2")).resolve("reads.fq.gz");
        String sha = TestFiles.random(source, SIZE, 2);
        String folder = sv.tree().mkdirs(RemotePath.parse(project.id() + "/up2")).id();
        killHalfWay("upload", server.url(), token, source.toString(), folder, Long.toString(PIECE));
        Files.delete(source.resolveSibling(".reads.fq.gz.seqvault-upload"));

        Resumed resumed = new Resumed();
        RemoteFile file = sv.transfers().upload(source, folder, UploadOptions.defaults().partSize(PIECE).listener(resumed));
        assertResumedAndWhole(resumed, file, sha);
    }

    @Test
    void aDownloadKilledHalfWayContinuesFromItsPartialFile() throws Exception {
        Path source = Files.createDirectories(tmp.resolve("dl-src")).resolve("sample.cram");
        String sha = TestFiles.random(source, SIZE, 3);
        sv.transfers().upload(source, RemotePath.parse(project.id() + "/dl"), UploadOptions.defaults());
        Path out = tmp.resolve("dl-out");
        killHalfWay("download", server.url(), token, project.workspaceId(), "dl/sample.cram", out.toString(),
                Long.toString(PIECE));
        assertThat(out.resolve("sample.cram.part")).exists();
        assertThat(out.resolve(".sample.cram.seqvault-download")).exists();
        assertThat(out.resolve("sample.cram")).doesNotExist();

        Resumed resumed = new Resumed();
        Path saved = sv.files().download("dl/sample.cram", project.workspaceId(), out,
                DownloadOptions.defaults().chunkSize(PIECE).listener(resumed));
        assertThat(resumed.resumedBytes).as("bytes kept from the dead run").isBetween(4 * PIECE, SIZE - PIECE);
        assertThat(resumed.resumedBytes + resumed.moved.get()).isEqualTo(SIZE);
        assertThat(TestFiles.sha256(saved)).isEqualTo(sha);
        try (var left = Files.list(out)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("sample.cram");
        }
    }

    private static void assertResumedAndWhole(Resumed resumed, RemoteFile file, String sha) {
        assertThat(resumed.resumedBytes).as("bytes the server kept from the dead run")
                .isBetween(4 * PIECE, SIZE - PIECE);
        assertThat(resumed.resumedBytes + resumed.moved.get()).isEqualTo(SIZE);
        V1File stored = sv.files().list(project.workspaceId(), sv.tree().pathOf(file).key()).toList().get(0);
        assertThat(stored.sha256()).isEqualTo(sha);
    }

    /** Runs TransferChild and kills it once it reports a third of the bytes moved. */
    private static void killHalfWay(String... args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                TransferChild.class.getName()));
        cmd.addAll(List.of(args));
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            List<String> seen = new ArrayList<>();
            for (String line; (line = out.readLine()) != null; ) {
                seen.add(line);
                if (line.startsWith("bytes ") && Long.parseLong(line.substring(6)) >= SIZE / 3) {
                    child.destroyForcibly();
                    break;
                }
            }
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(seen).as("the child was killed before it finished").doesNotContain("done");
            assertThat(child.exitValue()).as("killed, not finished: " + seen.subList(Math.max(0, seen.size() - 5),
                    seen.size())).isNotZero();
        }
    }

    /** Records what a resumed transfer found done and what it moved itself. */
    private static final class Resumed implements ProgressListener {
        volatile long resumedBytes = -1;
        final AtomicLong moved = new AtomicLong();

        @Override
        public void started(String name, long totalBytes, long resumed) {
            resumedBytes = resumed;
        }

        @Override
        public void transferred(long bytes) {
            moved.addAndGet(bytes);
        }
    }
}
