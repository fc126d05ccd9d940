package org.seqvault.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seqvault.store.fs.TestBlobs.BASE_URL;
import static org.seqvault.store.fs.TestBlobs.SIGNER;
import static org.seqvault.store.fs.TestBlobs.bytes;
import static org.seqvault.store.fs.TestBlobs.checksumsOf;
import static org.seqvault.store.fs.TestBlobs.concat;
import static org.seqvault.store.fs.TestBlobs.readAll;
import static org.seqvault.store.fs.TestBlobs.write;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.BlobStore;

class FsBlobStoreTest {
    private static final String UPLOAD = "up_abcdefgh12345678";
    private static final String BLOB = "65a1b2c3d4e5f60718293a4b";
    private static final Instant NOW = Instant.parse("2030-05-06T07:08:09.123456Z");

    @TempDir
    Path root;
    private FsBlobStore store;

    @BeforeEach
    void setUp() {
        store = new FsBlobStore(root, SIGNER, BASE_URL, () -> NOW);
    }

    @Test
    void writePartReportsWhatItStored() throws Exception {
        byte[] content = bytes(3000, 1);

        UploadPart part = write(store, UPLOAD, 7, content);

        assertThat(part.uploadId()).isEqualTo(UPLOAD);
        assertThat(part.partNumber()).isEqualTo(7);
        assertThat(part.size()).isEqualTo(3000);
        assertThat(part.etag()).isEqualTo(checksumsOf(content).md5());
        assertThat(part.sha256()).isEqualTo(checksumsOf(content).sha256());
        assertThat(part.locator()).matches("7\\.[0-9a-f]{16}");
        assertThat(part.receivedAt()).isEqualTo(NOW);
        assertThat(root.resolve("staging").resolve(UPLOAD).resolve(part.locator())).hasBinaryContent(content);
    }

    @Test
    void onePartRoundTrip() throws Exception {
        byte[] content = "hello, genome\n".getBytes();
        UploadPart part = write(store, UPLOAD, 1, content);

        Blob blob = store.assemble(UPLOAD, BLOB, List.of(part), NOW);

        assertThat(blob).isEqualTo(new Blob(BLOB, content.length, checksumsOf(content), 1, NOW));
        assertThat(root.resolve("blobs/4b/3a").resolve(BLOB).resolve("00001")).hasBinaryContent(content);
        assertThat(readAll(store, BLOB)).isEqualTo(content);
        assertThat(store.checksums(BLOB)).isEqualTo(blob.checksums());
        assertThat(root.resolve("staging").resolve(UPLOAD)).doesNotExist();
    }

    @Test
    void emptyUploadIsOneEmptySegment() throws Exception {
        UploadPart part = write(store, UPLOAD, 1, new byte[0]);

        Blob blob = store.assemble(UPLOAD, BLOB, List.of(part), NOW);

        assertThat(blob.size()).isZero();
        assertThat(blob.segments()).isEqualTo(1);
        assertThat(blob.checksums()).isEqualTo(checksumsOf());
        assertThat(readAll(store, BLOB)).isEmpty();
    }

    /** One of several parts skips its own SHA-256 (small and pipelined alike); the blob still gets the right one. */
    @Test
    void partsOfSeveralAreHashedOnceAsTheWholeBlob() throws Exception {
        byte[][] pieces = {bytes(5000, 4), bytes(3 << 20, 5)};
        List<UploadPart> parts = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            UploadPart part = store.writePart(UPLOAD, i + 1, new ByteArrayInputStream(pieces[i]), Long.MAX_VALUE, false);
            assertThat(part.sha256()).as("part %d's own SHA-256", i + 1).isNull();
            assertThat(part.etag()).isEqualTo(checksumsOf(pieces[i]).md5());
            parts.add(part);
        }

        Blob blob = store.assemble(UPLOAD, BLOB, parts, NOW);

        assertThat(blob.checksums()).isEqualTo(checksumsOf(pieces));
        assertThat(readAll(store, BLOB)).isEqualTo(concat(pieces));
    }

    /**
     * Parts that arrive in order carry the blob's digests forward, so assembly reads none of them
     * again: here their staged bytes are changed behind the store's back (same sizes), and the
     * blob's checksums are still those of the bytes that were received.
     */
    @Test
    void partsArrivingInOrderAreNotReadAgainAtAssembly() throws Exception {
        byte[][] pieces = {bytes(1 << 20, 11), bytes(3000, 12), bytes(700_000, 13)};
        List<UploadPart> parts = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            parts.add(writeOneOfSeveral(i + 1, pieces[i]));
        }
        for (UploadPart part : parts) {
            overwriteStaged(part, bytes((int) part.size(), 99));
        }

        Blob blob = store.assemble(UPLOAD, BLOB, parts, NOW);

        assertThat(blob.checksums()).isEqualTo(checksumsOf(pieces));
    }

    /**
     * Parts 2 and 3 arrived before part 1: once part 1 is in, they are read back on another thread
     * while the upload is still open, so assembly reads nothing again.
     */
    @Test
    void partsArrivingOutOfOrderAreHashedAheadOfAssembly() throws Exception {
        byte[][] pieces = {bytes(400_000, 21), bytes(300_000, 22), bytes(5, 23)};
        UploadPart second = writeOneOfSeveral(2, pieces[1]);
        UploadPart third = writeOneOfSeveral(3, pieces[2]);
        UploadPart first = writeOneOfSeveral(1, pieces[0]);

        assertThat(store.partsHashedAhead(UPLOAD)).isEqualTo(3);
        overwriteStaged(second, bytes(300_000, 98));
        overwriteStaged(third, bytes(5, 97));
        Blob blob = store.assemble(UPLOAD, BLOB, List.of(first, second, third), NOW);

        assertThat(blob.checksums()).isEqualTo(checksumsOf(pieces));
    }

    /** Part 2 was hashed, then sent again: the carried digests no longer match, and assembly reads every part. */
    @Test
    void aPartSentAgainAfterItWasHashedIsReadAgain() throws Exception {
        byte[] one = bytes(200_000, 24);
        UploadPart first = writeOneOfSeveral(1, one);
        writeOneOfSeveral(2, bytes(300_000, 25));
        byte[] resent = bytes(300_001, 26);
        UploadPart second = writeOneOfSeveral(2, resent);

        Blob blob = store.assemble(UPLOAD, BLOB, List.of(first, second), NOW);

        assertThat(blob.checksums()).isEqualTo(checksumsOf(one, resent));
    }

    @Test
    void manyPartsInParallelAreCarriedForwardCorrectly() throws Exception {
        for (int round = 0; round < 20; round++) {
            String upload = "up_parallel" + String.format("%08d", round);
            byte[][] pieces = new byte[8][];
            for (int i = 0; i < pieces.length; i++) {
                pieces[i] = bytes(i % 3 == 0 ? 300_000 + i : 5_000 + i, round * 10L + i);
            }
            List<Future<UploadPart>> writes = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                for (int i : List.of(3, 0, 7, 1, 2, 6, 5, 4)) {
                    writes.add(pool.submit(() -> store.writePart(upload, i + 1,
                            new ByteArrayInputStream(pieces[i]), Long.MAX_VALUE, false)));
                }
            }
            List<UploadPart> parts = new ArrayList<>();
            for (Future<UploadPart> w : writes) {
                parts.add(w.get());
            }
            parts.sort(Comparator.comparingInt(UploadPart::partNumber));

            Blob blob = store.assemble(upload, "65a1b2c3d4e5f607182930" + String.format("%02d", round), parts, NOW);

            assertThat(blob.checksums()).as("round %d", round).isEqualTo(checksumsOf(pieces));
        }
    }

    @Test
    void aPartSentAgainAfterLaterPartsRestartsTheCarriedDigests() throws Exception {
        writeOneOfSeveral(1, bytes(200_000, 31));
        UploadPart second = writeOneOfSeveral(2, bytes(300_000, 32));
        byte[] resent = bytes(250_000, 33);
        UploadPart first = writeOneOfSeveral(1, resent);

        Blob blob = store.assemble(UPLOAD, BLOB, List.of(first, second), NOW);

        assertThat(blob.checksums()).isEqualTo(checksumsOf(resent, bytes(300_000, 32)));
        assertThat(readAll(store, BLOB)).isEqualTo(concat(resent, bytes(300_000, 32)));
    }

    /** Carried digests live in memory; a restarted server reads the parts again. */
    @Test
    void aRestartedStoreAssemblesByReadingEveryPart() throws Exception {
        byte[][] pieces = {bytes(600_000, 41), bytes(10, 42)};
        List<UploadPart> parts = List.of(writeOneOfSeveral(1, pieces[0]), writeOneOfSeveral(2, pieces[1]));
        FsBlobStore restarted = new FsBlobStore(root, SIGNER, BASE_URL, () -> NOW);

        Blob blob = restarted.assemble(UPLOAD, BLOB, parts, NOW);

        assertThat(blob.checksums()).isEqualTo(checksumsOf(pieces));
    }

    private UploadPart writeOneOfSeveral(int partNumber, byte[] content) throws IOException {
        return store.writePart(UPLOAD, partNumber, new ByteArrayInputStream(content), Long.MAX_VALUE, false);
    }

    private void overwriteStaged(UploadPart part, byte[] content) throws IOException {
        Path staged = root.resolve("staging").resolve(UPLOAD).resolve(part.locator());
        assertThat(Files.size(staged)).isEqualTo(content.length);
        Files.write(staged, content);
    }

    /** Should a lone part come without its SHA-256 after all, assembly computes it rather than record none. */
    @Test
    void aLonePartWithoutItsSha256IsHashedAtAssembly() throws Exception {
        byte[] content = bytes(70_000, 6);
        UploadPart part = store.writePart(UPLOAD, 1, new ByteArrayInputStream(content), Long.MAX_VALUE, false);

        Blob blob = store.assemble(UPLOAD, BLOB, List.of(part), NOW);

        assertThat(blob.checksums()).isEqualTo(checksumsOf(content));
    }

    @Test
    void severalPartsOfDifferentSizesWithAnEmptyLastPart() throws Exception {
        byte[][] pieces = {bytes(3000, 1), bytes(1, 2), bytes(70_000, 3), new byte[0]};
        List<UploadPart> parts = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            parts.add(write(store, UPLOAD, i + 1, pieces[i]));
        }

        Blob blob = store.assemble(UPLOAD, BLOB, parts, NOW);

        assertThat(blob.size()).isEqualTo(73_001);
        assertThat(blob.segments()).isEqualTo(4);
        assertThat(blob.checksums()).isEqualTo(checksumsOf(pieces));
        assertThat(readAll(store, BLOB)).isEqualTo(concat(pieces));
        assertThat(store.checksums(BLOB)).isEqualTo(blob.checksums());
        try (Stream<Path> segments = Files.list(root.resolve("blobs/4b/3a").resolve(BLOB))) {
            assertThat(segments.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("00001", "00002", "00003", "00004");
        }
    }

    @Test
    void partsMayArriveOutOfOrderAndInParallel() throws Exception {
        byte[][] pieces = new byte[8][];
        for (int i = 0; i < pieces.length; i++) {
            pieces[i] = bytes(10_000 + i, i);
        }
        List<Future<UploadPart>> writes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = pieces.length - 1; i >= 0; i--) {
                int n = i;
                writes.add(pool.submit(() -> write(store, UPLOAD, n + 1, pieces[n])));
            }
        }
        List<UploadPart> parts = new ArrayList<>();
        for (Future<UploadPart> w : writes) {
            parts.add(w.get());
        }
        parts.sort(Comparator.comparingInt(UploadPart::partNumber));

        Blob blob = store.assemble(UPLOAD, BLOB, parts, NOW);

        assertThat(readAll(store, BLOB)).isEqualTo(concat(pieces));
        assertThat(blob.checksums()).isEqualTo(checksumsOf(pieces));
    }

    @Test
    void aResentPartReplacesTheEarlierOne() throws Exception {
        UploadPart first = write(store, UPLOAD, 1, "old".getBytes());
        UploadPart again = write(store, UPLOAD, 1, "new!".getBytes());
        UploadPart second = write(store, UPLOAD, 2, "+tail".getBytes());

        assertThat(again.locator()).isNotEqualTo(first.locator());
        store.discardPart(UPLOAD, first.locator());
        store.assemble(UPLOAD, BLOB, List.of(again, second), NOW);

        assertThat(readAll(store, BLOB)).isEqualTo("new!+tail".getBytes());
        assertThat(root.resolve("staging").resolve(UPLOAD)).doesNotExist();
    }

    @Test
    void reassemblingFinishesAnInterruptedAssemble() throws Exception {
        byte[][] pieces = {bytes(5000, 1), bytes(6000, 2), bytes(7000, 3)};
        List<UploadPart> parts = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            parts.add(write(store, UPLOAD, i + 1, pieces[i]));
        }
        // A crash after the first rename: part 1 is in place, parts 2 and 3 are still staged.
        Path blobDir = root.resolve("blobs/4b/3a").resolve(BLOB);
        Files.createDirectories(blobDir);
        Files.move(root.resolve("staging").resolve(UPLOAD).resolve(parts.get(0).locator()),
                blobDir.resolve("00001"), StandardCopyOption.ATOMIC_MOVE);

        Blob blob = store.assemble(UPLOAD, BLOB, parts, NOW);
        Blob again = store.assemble(UPLOAD, BLOB, parts, NOW);

        assertThat(again).isEqualTo(blob);
        assertThat(blob.checksums()).isEqualTo(checksumsOf(pieces));
        assertThat(readAll(store, BLOB)).isEqualTo(concat(pieces));
    }

    @Test
    void aStagedCopyLeftBesideItsSegmentReplacesIt() throws Exception {
        UploadPart part = write(store, UPLOAD, 1, "bytes".getBytes());
        Path blobDir = root.resolve("blobs/4b/3a").resolve(BLOB);
        Files.createDirectories(blobDir);
        Files.copy(root.resolve("staging").resolve(UPLOAD).resolve(part.locator()), blobDir.resolve("00001"));

        store.assemble(UPLOAD, BLOB, List.of(part), NOW);

        assertThat(readAll(store, BLOB)).isEqualTo("bytes".getBytes());
        assertThat(root.resolve("staging").resolve(UPLOAD)).doesNotExist();
    }

    @Test
    void aPartMissingEverywhereFailsAssembly() throws Exception {
        UploadPart one = write(store, UPLOAD, 1, "a".getBytes());
        UploadPart two = write(store, UPLOAD, 2, "b".getBytes());
        store.discardPart(UPLOAD, two.locator());

        assertThatThrownBy(() -> store.assemble(UPLOAD, BLOB, List.of(one, two), NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("part 2");
    }

    @Test
    void aPartWhoseSizeDisagreesFailsAssembly() throws Exception {
        UploadPart part = write(store, UPLOAD, 1, "abc".getBytes());
        UploadPart lying = new UploadPart(UPLOAD, 1, 4, part.etag(), part.sha256(), part.locator(), NOW);

        assertThatThrownBy(() -> store.assemble(UPLOAD, BLOB, List.of(lying), NOW))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("4 bytes");
    }

    @Test
    void partsMustBelongToTheUploadAndBeOrdered() throws Exception {
        UploadPart one = write(store, UPLOAD, 1, "a".getBytes());
        UploadPart two = write(store, UPLOAD, 2, "b".getBytes());
        UploadPart foreign = write(store, "up_other", 3, "c".getBytes());

        assertThatThrownBy(() -> store.assemble(UPLOAD, BLOB, List.of(two, one), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.assemble(UPLOAD, BLOB, List.of(one, one), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.assemble(UPLOAD, BLOB, List.of(one, foreign), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.assemble(UPLOAD, BLOB, List.of(), NOW))
                .isInstanceOf(IllegalArgumentException.class);
        // Nothing was moved by the refused calls.
        assertThat(root.resolve("staging").resolve(UPLOAD).resolve(one.locator())).exists();
    }

    @Test
    void aPartOverTheLimitIsRefusedAndLeavesNothing() throws Exception {
        Path staging = root.resolve("staging").resolve(UPLOAD);

        assertThat(store.writePart(UPLOAD, 1, new ByteArrayInputStream(new byte[100]), 100, true).size()).isEqualTo(100);
        assertThatThrownBy(() -> store.writePart(UPLOAD, 2, new ByteArrayInputStream(new byte[101]), 100, true))
                .isInstanceOfSatisfying(UserException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.PAYLOAD_TOO_LARGE));
        assertThatThrownBy(() -> store.writePart(UPLOAD, 3, new ByteArrayInputStream(new byte[3 << 20]), 0, true))
                .isInstanceOfSatisfying(UserException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.PAYLOAD_TOO_LARGE));

        try (Stream<Path> files = Files.list(staging)) {
            assertThat(files.map(p -> p.getFileName().toString())).allMatch(name -> name.startsWith("1."));
        }
    }

    @Test
    void aFailingRequestStreamLeavesNothing() throws IOException {
        InputStream broken = new SequenceInputStream(new ByteArrayInputStream(bytes(2 << 20, 1)), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset by peer");
            }
        });

        assertThatThrownBy(() -> store.writePart(UPLOAD, 1, broken, Long.MAX_VALUE, true))
                .isInstanceOf(IOException.class)
                .hasMessage("connection reset by peer");
        try (Stream<Path> files = Files.list(root.resolve("staging").resolve(UPLOAD))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void aFullDiskIsReportedAsInsufficientStorage() throws IOException {
        InputStream failing = new SequenceInputStream(new ByteArrayInputStream(bytes(2 << 20, 1)), new InputStream() {
            @Override
            public int read() throws IOException {
                // What FileChannel.write reports on ENOSPC; raised here because a test cannot fill the disk.
                throw new IOException("No space left on device");
            }
        });

        assertThatThrownBy(() -> store.writePart(UPLOAD, 1, failing, Long.MAX_VALUE, true))
                .isInstanceOfSatisfying(UserException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.INSUFFICIENT_STORAGE));
        try (Stream<Path> files = Files.list(root.resolve("staging").resolve(UPLOAD))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void discardingMissingThingsIsFine() throws IOException {
        store.discardPart(UPLOAD, "1.0123456789abcdef");
        store.discardUpload(UPLOAD);
        store.delete(BLOB);
    }

    @Test
    void discardUploadDropsEveryStagedPart() throws IOException {
        write(store, UPLOAD, 1, "a".getBytes());
        write(store, UPLOAD, 2, "b".getBytes());

        store.discardUpload(UPLOAD);

        assertThat(root.resolve("staging").resolve(UPLOAD)).doesNotExist();
    }

    @Test
    void deletedOrMissingBlobsAreNotFound() throws IOException {
        store.assemble(UPLOAD, BLOB, List.of(write(store, UPLOAD, 1, "x".getBytes())), NOW);

        store.delete(BLOB);

        assertThat(root.resolve("blobs/4b/3a").resolve(BLOB)).doesNotExist();
        for (String id : List.of(BLOB, "0000aaaa")) {
            assertThatThrownBy(() -> store.open(id)).isInstanceOfSatisfying(UserException.class,
                    e -> assertThat(e.problem()).isEqualTo(Problem.FILE_NOT_FOUND));
            assertThatThrownBy(() -> store.checksums(id)).isInstanceOfSatisfying(UserException.class,
                    e -> assertThat(e.problem()).isEqualTo(Problem.FILE_NOT_FOUND));
        }
    }

    @Test
    void inventoryListsBlobsAndStagedUploads() throws IOException {
        assertThat(store.blobIds()).isEmpty();
        assertThat(store.stagedUploadIds()).isEmpty();

        store.assemble("up_1", "aaaa01", List.of(write(store, "up_1", 1, "1".getBytes())), NOW);
        store.assemble("up_2", "aabb02", List.of(write(store, "up_2", 1, "2".getBytes())), NOW);
        store.assemble("up_3", "ccdd03", List.of(write(store, "up_3", 1, "3".getBytes())), NOW);
        write(store, "up_4", 1, "4".getBytes());
        write(store, "up_5", 2, "5".getBytes());
        // Strays that are not blobs in their right place are not reported.
        Files.createDirectories(root.resolve("blobs/aa/bb/ccdd99"));
        Files.createDirectories(root.resolve("blobs/aa/bb/.tmp"));
        Files.createDirectories(root.resolve("blobs/lost+found"));

        try (Stream<String> ids = store.blobIds()) {
            assertThat(ids).containsExactlyInAnyOrder("aaaa01", "aabb02", "ccdd03");
        }
        try (Stream<String> ids = store.stagedUploadIds()) {
            assertThat(ids).containsExactlyInAnyOrder("up_4", "up_5");
        }
    }

    @Test
    void stagedRecentlyLooksAtTheLastWrite() throws IOException {
        write(store, UPLOAD, 1, "a".getBytes());
        Instant realNow = Instant.now();

        assertThat(new FsBlobStore(root, SIGNER, BASE_URL, () -> realNow).stagedRecently(UPLOAD)).isTrue();
        assertThat(new FsBlobStore(root, SIGNER, BASE_URL, () -> realNow.plusSeconds(7200)).stagedRecently(UPLOAD))
                .isFalse();
        assertThat(store.stagedRecently("up_never")).isFalse();
    }

    @Test
    void largeBlobThroughSendfile() throws Exception {
        // ~64 MiB in three parts, the last one not a multiple of the buffer size.
        byte[][] pieces = {bytes(24 << 20, 1), bytes(24 << 20, 2), bytes((16 << 20) + 12_345, 3)};
        List<UploadPart> parts = new ArrayList<>();
        for (int i = 0; i < pieces.length; i++) {
            parts.add(write(store, UPLOAD, i + 1, pieces[i]));
        }

        Blob blob = store.assemble(UPLOAD, BLOB, parts, NOW);

        assertThat(blob.checksums()).isEqualTo(checksumsOf(pieces));
        Path copy = root.resolve("copy");
        try (BlobStore.BlobReader reader = store.open(BLOB);
             FileChannel out = FileChannel.open(copy, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            reader.transferTo(0, reader.size(), out);
        }
        assertThat(Files.size(copy)).isEqualTo(blob.size());
        assertThat(SegmentHasher.hash(List.of(copy))).isEqualTo(blob.checksums());
    }
}
