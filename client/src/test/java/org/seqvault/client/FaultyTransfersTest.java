package org.seqvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.FaultyProxy.Fault;
import org.seqvault.client.testing.ScratchSpace;
import org.seqvault.testkit.FaultyProxy;
import org.seqvault.testkit.TestFiles;
import org.seqvault.testkit.TestServer;

/**
 * Transfers through a proxy that breaks a seeded share of the part PUTs and range GETs
 * (resets, cut bodies, 502s, stalls, flipped bytes): a 1 GiB file still goes up and comes back
 * whole, and a corrupted download is refused rather than kept.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES) // a hung server fails the test instead of the build
class FaultyTransfersTest {
    static final long GIB = 1L << 30;
    static final long PART = 8L << 20;

    @TempDir
    static Path tmp;
    static Path scratch;
    static FaultyProxy proxy;
    static TestServer server;
    static SeqVault sv;
    static Project project;

    @BeforeAll
    static void start() throws Exception {
        scratch = ScratchSpace.directory(tmp, 4 * GIB);
        proxy = new FaultyProxy(20261122L);
        // Presigned URLs carry the public URL, so pointing it at the proxy routes the bytes through it too.
        server = TestServer.start(Files.createDirectories(scratch.resolve("data")), "--public-url", proxy.url());
        proxy.forwardTo(server.port());
        String token = server.userToken("carol");
        ClientOptions impatient = ClientOptions.defaults()
                .withStallTimeout(Duration.ofMillis(1500))
                .withRetry(new RetryPolicy(10, Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(5)));
        sv = SeqVault.connect(proxy.url(), token, impatient);
        project = sv.projects().create("Faulty network");
    }

    @AfterAll
    static void stop() throws Exception {
        if (sv != null) {
            sv.close();
        }
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        ScratchSpace.delete(scratch);
    }

    @Test
    void aGibibyteGoesUpAndComesBackWholeThroughBrokenConnections() throws Exception {
        Path source = scratch.resolve("genome.bam");
        String sha = TestFiles.random(source, GIB, 42);
        AtomicLong net = new AtomicLong();
        AtomicInteger retries = new AtomicInteger();
        ProgressListener listener = new ProgressListener() {
            @Override
            public void transferred(long bytes) {
                net.addAndGet(bytes);
            }

            @Override
            public void retrying(String what, int attempt, Exception cause) {
                retries.incrementAndGet();
            }
        };

        proxy.breakRequests(line -> line.startsWith("PUT /_blob/up/"), List.of(Fault.values()), 0.2, 25);
        RemoteFile up = sv.transfers().upload(source, project.rootFolder(),
                UploadOptions.defaults().partSize(PART).parallel(4).listener(listener));
        assertThat(proxy.injectedOn("PUT")).as("faults injected into part PUTs").isGreaterThanOrEqualTo(10);
        assertThat(retries.get()).as("parts retried").isGreaterThanOrEqualTo(10);
        assertThat(net.get()).as("progress after taking back failed attempts").isEqualTo(GIB);
        V1File stored = sv.files().list(project.workspaceId(), "genome.bam").toList().get(0);
        assertThat(stored.sha256()).as("the server's SHA-256 of what it stored").isEqualTo(sha);
        assertThat(stored.size()).isEqualTo(GIB);

        net.set(0);
        retries.set(0);
        proxy.breakRequests(line -> line.startsWith("GET /_blob/dl/"),
                List.of(Fault.RESET, Fault.CUT_MIDWAY, Fault.BAD_GATEWAY, Fault.STALL), 0.2, 25);
        Path saved = sv.transfers().download(up, scratch.resolve("out"),
                DownloadOptions.defaults().chunkSize(PART).parallel(4).listener(listener));
        assertThat(proxy.injectedOn("GET")).as("faults injected into range GETs").isGreaterThanOrEqualTo(10);
        assertThat(retries.get()).isGreaterThanOrEqualTo(10);
        assertThat(net.get()).isEqualTo(GIB);
        assertThat(TestFiles.sha256(saved)).isEqualTo(sha);
        Files.delete(saved);
        Files.delete(source);
    }

    @Test
    void aCorruptedDownloadIsRefusedAndNothingIsKept() throws Exception {
        Path source = scratch.resolve("small.vcf");
        String sha = TestFiles.random(source, 3 << 20, 9);
        RemoteFile up = sv.transfers().upload(source, project.rootFolder(), UploadOptions.defaults());
        Path out = scratch.resolve("corrupt-out");

        proxy.breakRequests(line -> line.startsWith("GET /_blob/dl/"), List.of(Fault.CORRUPT), 1.0, 1);
        assertThatThrownBy(() -> sv.transfers().download(up, out, DownloadOptions.defaults()))
                .isInstanceOf(IntegrityException.class).hasMessageContaining(sha);
        try (var left = Files.list(out)) {
            assertThat(left).as("no file, .part or state file is left").isEmpty();
        }
        assertThat(TestFiles.sha256(sv.transfers().download(up, out, DownloadOptions.defaults()))).isEqualTo(sha);
    }
}
