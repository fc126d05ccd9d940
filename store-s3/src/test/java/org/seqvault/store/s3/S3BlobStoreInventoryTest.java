package org.seqvault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seqvault.store.s3.TestBytes.checksumsOf;
import static org.seqvault.store.s3.TestBytes.random;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.BlobStore.BlobReader;
import org.seqvault.testkit.stores.S3TestServer;
import software.amazon.awssdk.core.sync.RequestBody;

/** What the collector and scrub see: blobs and staged uploads listed, deleted, read back. */
class S3BlobStoreInventoryTest {
    private static S3TestServer s3;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
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
    void setUp(TestInfo test) {
        prefix = "inventory/" + test.getTestMethod().orElseThrow().getName();
        store = S3TestStores.store(s3, prefix, now::get);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void blobIdsListsCompletedBlobsUnderThePrefixOnly() throws Exception {
        storeBlob("up_aa", new byte[10]);
        storeBlob("up_bb", new byte[20]);
        store.beginUpload("up_cc");
        put(prefix + "/blobs/Not-An-Id", "stray");
        put(prefix + "/elsewhere/up_dd", "stray");
        try (S3BlobStore sibling = S3TestStores.store(s3, prefix + "-sibling", now::get);
             S3BlobStore nested = S3TestStores.store(s3, prefix + "/nested", now::get)) {
            sibling.beginUpload("up_ee");
            storeBlobIn(nested, "up_ff");
        }

        assertThat(store.blobIds()).containsExactlyInAnyOrder("up_aa", "up_bb");
        assertThat(store.stagedUploadIds()).containsExactly("up_cc");
    }

    @Test
    void stagedUploadsAreListedOnceAndDiscardedWhole() throws Exception {
        store.beginUpload("up_one");
        store.beginUpload("up_one");
        store.beginUpload("up_two");

        assertThat(store.stagedUploadIds()).containsExactlyInAnyOrder("up_one", "up_two");

        store.discardUpload("up_one");
        store.discardUpload("up_never");

        assertThat(store.stagedUploadIds()).containsExactly("up_two");
    }

    @Test
    void aStagedUploadIsRecentForAnHourAfterItBeganOrLastReceivedAPart() throws Exception {
        store.beginUpload("up_young");

        assertThat(store.stagedRecently("up_young")).isTrue();
        assertThat(store.stagedRecently("up_unknown")).isFalse();
        now.set(Instant.now().plus(Duration.ofMinutes(61)));
        assertThat(store.stagedRecently("up_young")).isFalse();
    }

    @Test
    void deleteRemovesTheObjectAndAMissingOneIsFine() throws Exception {
        storeBlob("up_del", new byte[5]);

        store.delete("up_del");
        store.delete("up_del");

        assertThat(store.blobIds()).isEmpty();
        assertThatThrownBy(() -> store.open("up_del"))
                .isInstanceOfSatisfying(UserException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.FILE_NOT_FOUND));
    }

    @Test
    void aReaderStreamsAnyRangeOfTheBlob() throws Exception {
        byte[] content = random(300_000, 9);
        storeBlob("up_read", content);

        try (BlobReader reader = store.open("up_read")) {
            assertThat(reader.size()).isEqualTo(content.length);
            assertThat(read(reader, 0, content.length)).isEqualTo(content);
            assertThat(read(reader, 123_456, 1000)).isEqualTo(Arrays.copyOfRange(content, 123_456, 124_456));
            assertThat(read(reader, content.length, 0)).isEmpty();
            assertThatThrownBy(() -> read(reader, content.length - 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
        }
    }

    @Test
    void checksumsOfAStoredBlobAreComputedFromItsBytes() throws Exception {
        byte[] content = random(9_000_000, 10);
        storeBlob("up_scrub", content);

        assertThat(store.checksums("up_scrub")).isEqualTo(checksumsOf(content));
        assertThatThrownBy(() -> store.checksums("up_missing")).isInstanceOf(UserException.class);
    }

    @Test
    void idsThatCouldLeaveTheLayoutAreRefused() {
        assertThatThrownBy(() -> store.delete("../x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.beginUpload("UP/1")).isInstanceOf(IllegalArgumentException.class);
    }

    private void storeBlob(String id, byte[] content) throws Exception {
        UploadPart part = store.writePart(id, 1, new ByteArrayInputStream(content), content.length, true);
        store.assemble(id, id, List.of(part), now.get());
    }

    private static void storeBlobIn(S3BlobStore other, String id) throws Exception {
        UploadPart part = other.writePart(id, 1, new ByteArrayInputStream(new byte[1]), 1, true);
        other.assemble(id, id, List.of(part), Instant.now());
    }

    private static void put(String key, String content) {
        s3.client().putObject(r -> r.bucket(S3TestServer.BUCKET).key(key), RequestBody.fromString(content));
    }

    private static byte[] read(BlobReader reader, long offset, long length) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reader.transferTo(offset, length, Channels.newChannel(out));
        return out.toByteArray();
    }
}
