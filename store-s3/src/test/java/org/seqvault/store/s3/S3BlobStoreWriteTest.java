package org.seqvault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seqvault.store.s3.TestBytes.MIB;
import static org.seqvault.store.s3.TestBytes.checksumsOf;
import static org.seqvault.store.s3.TestBytes.random;
import static org.seqvault.store.s3.TestBytes.trickle;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.BlobStoreFailure;
import org.seqvault.testkit.stores.S3TestServer;

/** Parts the server streams in (the form upload): chunked into S3 parts, hashed on the way, completed in place. */
class S3BlobStoreWriteTest {
    private static final Instant NOW = Instant.parse("2030-05-06T07:08:09.123456Z");
    private static S3TestServer s3;

    private S3BlobStore store;
    private String prefix;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3TestServer.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void setUp(org.junit.jupiter.api.TestInfo test) {
        prefix = "write/" + test.getTestMethod().orElseThrow().getName();
        store = S3TestStores.store(s3, prefix, () -> NOW, ChunkedPartWriter.MIN_CHUNK);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** The API answers a vanished client differently from a failed store; S3's failures must say which they are. */
    @Test
    void anS3ThatCannotBeReachedFailsAsTheBlobStore() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        S3Settings settings = S3TestStores.settings(s3, prefix);
        S3Settings gone = new S3Settings(settings.location(), URI.create("http://127.0.0.1:" + closedPort),
                settings.region(), true);
        try (S3BlobStore unreachable = S3BlobStore.open(gone, s3.credentials(), () -> NOW)) {
            assertThatThrownBy(() -> unreachable.writePart("up_gone", 1, new ByteArrayInputStream(new byte[10]), MIB, true))
                    .isInstanceOf(BlobStoreFailure.class);
            assertThatThrownBy(() -> unreachable.checksums("up_gone")).isInstanceOf(BlobStoreFailure.class);
        }
    }

    @Test
    void streamOfUnknownLengthIsCutIntoS3PartsAndHashedOnTheWay() throws Exception {
        byte[] content = random(12 * MIB + 12345, 1);

        UploadPart part = store.writePart("up_form1", 1, trickle(content), 100L * MIB, true);

        assertThat(part.uploadId()).isEqualTo("up_form1");
        assertThat(part.partNumber()).isEqualTo(1);
        assertThat(part.size()).isEqualTo(content.length);
        assertThat(part.etag()).isEqualTo(checksumsOf(content).md5());
        assertThat(part.sha256()).isEqualTo(checksumsOf(content).sha256());
        assertThat(part.receivedAt()).isEqualTo(NOW);
        // 5 MiB + 5 MiB + the rest: three S3 parts of one multipart upload, nothing visible yet.
        assertThat(PartLocator.parse(part.locator()).s3PartCount()).isEqualTo(3);
        assertThat(store.blobIds()).isEmpty();
        assertThat(store.stagedUploadIds()).containsExactly("up_form1");
    }

    @Test
    void assemblingAStreamedPartCompletesItInPlaceWithTheStreamedChecksums() throws Exception {
        byte[] content = random(11 * MIB, 2);
        UploadPart part = store.writePart("up_form2", 1, trickle(content), 100L * MIB, true);

        Blob blob = store.assemble("up_form2", "up_form2", List.of(part), NOW);

        assertThat(blob).isEqualTo(new Blob("up_form2", content.length, checksumsOf(content), 1, NOW));
        assertThat(objectBytes("blobs/up_form2")).isEqualTo(content);
        assertThat(store.checksums("up_form2")).isEqualTo(checksumsOf(content));
        assertThat(store.blobIds()).containsExactly("up_form2");
        assertThat(store.stagedUploadIds()).isEmpty();
    }

    @Test
    void anEmptyStreamBecomesAnEmptyBlob() throws Exception {
        UploadPart part = store.writePart("up_empty", 1, new ByteArrayInputStream(new byte[0]), 10, true);

        Blob blob = store.assemble("up_empty", "up_empty", List.of(part), NOW);

        assertThat(blob.size()).isZero();
        assertThat(blob.checksums()).isEqualTo(checksumsOf(new byte[0]));
        assertThat(objectBytes("blobs/up_empty")).isEmpty();
    }

    @Test
    void aStreamExactlyOneChunkLongIsOneS3Part() throws Exception {
        byte[] content = random(ChunkedPartWriter.MIN_CHUNK, 3);

        UploadPart part = store.writePart("up_exact", 1, new ByteArrayInputStream(content), content.length, true);
        Blob blob = store.assemble("up_exact", "up_exact", List.of(part), NOW);

        assertThat(PartLocator.parse(part.locator()).s3PartCount()).isEqualTo(1);
        assertThat(blob.checksums()).isEqualTo(checksumsOf(content));
        assertThat(objectBytes("blobs/up_exact")).isEqualTo(content);
    }

    @Test
    void aStreamOverTheLimitIsRefusedAndLeavesNothingBehind() throws Exception {
        byte[] content = random(6 * MIB, 4);

        assertThatThrownBy(() -> store.writePart("up_big", 1, trickle(content), 6L * MIB - 1, true))
                .isInstanceOfSatisfying(UserException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.PAYLOAD_TOO_LARGE));

        assertThat(store.stagedUploadIds()).isEmpty();
        assertThat(store.blobIds()).isEmpty();
    }

    @Test
    void aStreamAtTheLimitIsAccepted() throws Exception {
        byte[] content = random(6 * MIB, 5);

        UploadPart part = store.writePart("up_limit", 1, trickle(content), content.length, true);

        assertThat(part.size()).isEqualTo(content.length);
    }

    /**
     * Many form uploads at once, each waiting for its client between chunks: hashing shares a fixed
     * set of threads and the part uploads run on virtual threads, so concurrent streams add no
     * platform threads (they used to start three each).
     */
    @Test
    void manyStreamsAtOnceAddNoThreadsOfTheirOwn() throws Exception {
        // Enough that three threads each would exceed the bound, few enough to fit in chunk memory anywhere.
        int streams = ParallelDigests.THREADS / 3 + 2;
        CountDownLatch allWaiting = new CountDownLatch(streams);
        CountDownLatch clientsGoOn = new CountDownLatch(1);
        byte[] content = random(ChunkedPartWriter.MIN_CHUNK + 1000, 20);
        List<Future<UploadPart>> parts = new ArrayList<>();
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < streams; i++) {
                String upload = "up_many" + i;
                InputStream slowClient = new SequenceInputStream(new ByteArrayInputStream(content, 0, ChunkedPartWriter.MIN_CHUNK),
                        new InputStream() {
                            private final InputStream rest = new ByteArrayInputStream(content, ChunkedPartWriter.MIN_CHUNK,
                                    content.length - ChunkedPartWriter.MIN_CHUNK);
                            private boolean waited;

                            @Override
                            public int read() throws IOException {
                                byte[] one = new byte[1];
                                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                            }

                            @Override
                            public int read(byte[] b, int off, int len) throws IOException {
                                if (!waited) {
                                    waited = true;
                                    allWaiting.countDown();
                                    awaitQuietly(clientsGoOn);
                                }
                                return rest.read(b, off, len);
                            }
                        });
                parts.add(requests.submit(() -> store.writePart(upload, 1, slowClient, 100L * MIB, true)));
            }
            try {
                assertThat(allWaiting.await(60, TimeUnit.SECONDS)).as("every stream sent its first chunk").isTrue();

                assertThat(livePlatformThreads("seqvault-digest-", "seqvault-s3-part"))
                        .as("hashing and part-upload threads while %d streams are open", streams)
                        .isLessThanOrEqualTo(ParallelDigests.THREADS);
            } finally {
                clientsGoOn.countDown();
            }
            for (Future<UploadPart> part : parts) {
                assertThat(part.get(60, TimeUnit.SECONDS).sha256()).isEqualTo(checksumsOf(content).sha256());
            }
        }
    }

    private static long livePlatformThreads(String... namePrefixes) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> Arrays.stream(namePrefixes).anyMatch(t.getName()::startsWith))
                .count();
    }

    private static void awaitQuietly(CountDownLatch latch) throws InterruptedIOException {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException();
        }
    }

    @Test
    void discardingAStreamedPartAbortsItsMultipartUpload() throws Exception {
        UploadPart part = store.writePart("up_replaced", 1, new ByteArrayInputStream(random(1000, 6)), 10_000, true);

        store.discardPart("up_replaced", part.locator());

        assertThat(store.stagedUploadIds()).isEmpty();
    }

    @Test
    void assemblingTwiceGivesTheSameBlob() throws Exception {
        byte[] content = random(3 * MIB, 7);
        UploadPart part = store.writePart("up_twice", 1, new ByteArrayInputStream(content), 10L * MIB, true);

        Blob first = store.assemble("up_twice", "up_twice", List.of(part), NOW);
        Blob again = store.assemble("up_twice", "up_twice", List.of(part), NOW);

        assertThat(again).isEqualTo(first);
        assertThat(objectBytes("blobs/up_twice")).isEqualTo(content);
    }

    @Test
    void aBlobIdOtherThanTheUploadIdIsRefused() throws Exception {
        UploadPart part = store.writePart("up_named", 1, new ByteArrayInputStream(new byte[10]), 100, true);

        assertThatThrownBy(() -> store.assemble("up_named", "65a1b2c3d4e5f60718293a4b", List.of(part), NOW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("up_named");
        assertThat(store.blobIdFor("up_named")).contains("up_named");
    }

    private byte[] objectBytes(String key) {
        return s3.client().getObjectAsBytes(r -> r.bucket(S3TestServer.BUCKET).key(prefix + "/" + key)).asByteArray();
    }
}
