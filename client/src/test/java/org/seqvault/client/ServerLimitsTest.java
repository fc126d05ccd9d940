package org.seqvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.TestFiles;
import org.seqvault.testkit.TestServer;

/**
 * A server with small limits: 5 requests per 2 s window (calls past it wait as told, then
 * succeed), 1 MiB single PUTs (so the seed's large-file flow hands out parts) and 1 MiB forms.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a hung server fails the test instead of the build
class ServerLimitsTest {
    @TempDir
    static Path tmp;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Files.createDirectories(tmp.resolve("data")), "--rate-limit", "5",
                "--rate-limit-window", "2s", "--single-put-limit", "1MiB", "--max-form-upload", "1MiB");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void callsPastTheRateLimitWaitForTheNextWindow() {
        List<Duration> pauses = new CopyOnWriteArrayList<>();
        try (SeqVault sv = SeqVault.connect(server.url(), TestServer.ADMIN_TOKEN,
                ClientOptions.defaults().withRateLimitListener((call, wait) -> pauses.add(wait)))) {
            for (int i = 0; i < 12; i++) {
                assertThat(sv.me().username()).isEqualTo("admin");
            }
        }
        // 12 calls at loopback speed need three 2 s windows of 5: the listener heard the waits.
        assertThat(pauses).as("windows waited out").isNotEmpty()
                .allSatisfy(wait -> assertThat(wait).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }

    @Test
    void anUploadOfMoreFilesThanTheLimitCompletes() throws Exception {
        try (SeqVault sv = SeqVault.connect(server.url(), TestServer.ADMIN_TOKEN)) {
            Project p = sv.projects().create("Many");
            for (int i = 0; i < 6; i++) { // 4 calls each: open, part URL, part report, complete
                Path f = Files.writeString(tmp.resolve("many-" + i + ".txt"), "file " + i);
                assertThat(sv.transfers().upload(f, p.rootFolder(), UploadOptions.defaults()).size()).isEqualTo(6);
            }
            assertThat(sv.tree().list(p.rootFolder()).toList()).hasSize(6);
        }
    }

    @Test
    void aWaitLongerThanThePolicyAllowsFailsAtOnce() {
        ClientOptions noWaiting = ClientOptions.defaults()
                .withRetry(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(10), Duration.ZERO));
        try (SeqVault sv = SeqVault.connect(server.url(), TestServer.ADMIN_TOKEN, noWaiting)) {
            assertThatThrownBy(() -> {
                for (int i = 0; i < 12; i++) {
                    sv.me();
                }
            }).isInstanceOfSatisfying(RateLimitedException.class, e -> {
                assertThat(e.code()).isEqualTo("1000");
                // Whole seconds until the 2 s window ends, at least 1.
                assertThat(e.retryAfter()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
            });
        }
    }

    @Test
    void theSeedsLargeFileFlowWithPartsAndAChecksum() throws Exception {
        try (SeqVault sv = SeqVault.connect(server.url(), TestServer.ADMIN_TOKEN);
             HttpClient http = HttpClient.newHttpClient()) {
            String ws = sv.projects().create("Limits").workspaceId();
            Path bam = tmp.resolve("large_genome.bam");
            String sha = TestFiles.random(bam, (2L << 20) + 100, 5);
            long size = Files.size(bam);

            UploadTicket info = sv.files().uploadLarge("large_genome.bam", ws, "application/octet-stream", size, "bam/");
            assertThat(info.uploadUrl()).isNull();
            assertThat(info.parts()).hasSizeGreaterThan(1);
            List<UploadTicket.PartEtag> etags = new ArrayList<>();
            try (FileChannel ch = FileChannel.open(bam, StandardOpenOption.READ)) {
                for (UploadTicket.Part part : info.parts()) {
                    long offset = (part.partNumber() - 1) * info.partSize();
                    byte[] bytes = new byte[(int) Math.min(info.partSize(), size - offset)];
                    ch.read(java.nio.ByteBuffer.wrap(bytes), offset);
                    HttpResponse<Void> put = http.send(HttpRequest.newBuilder(URI.create(part.uploadUrl()))
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                            HttpResponse.BodyHandlers.discarding());
                    etags.add(new UploadTicket.PartEtag(part.partNumber(), put.headers().firstValue("ETag").orElseThrow()));
                }
            }
            V1File f = sv.files().uploadConfirm(info.fileKey(), ws, "large_genome.bam", size, etags, sha);
            assertThat(f.key()).isEqualTo("bam/large_genome.bam");
            assertThat(f.sha256()).isEqualTo(sha);

            assertThatThrownBy(() -> sv.files().upload(bam, ws, "form/"))
                    .isInstanceOfSatisfying(PayloadTooLargeException.class,
                            e -> assertThat(e.code()).isEqualTo("payload_too_large"));
        }
    }
}
