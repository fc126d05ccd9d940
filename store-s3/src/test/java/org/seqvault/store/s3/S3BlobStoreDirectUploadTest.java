package org.seqvault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seqvault.store.s3.TestBytes.MIB;
import static org.seqvault.store.s3.TestBytes.checksumsOf;
import static org.seqvault.store.s3.TestBytes.concat;
import static org.seqvault.store.s3.TestBytes.md5Hex;
import static org.seqvault.store.s3.TestBytes.random;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.BlobStore.Presigned;
import org.seqvault.testkit.stores.S3TestServer;

/** Parts clients PUT straight to S3 through presigned UploadPart URLs, with plain java.net.http. */
class S3BlobStoreDirectUploadTest {
    private static S3TestServer s3;

    private final Instant now = Instant.now();
    private S3BlobStore store;

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
        store = S3TestStores.store(s3, "direct/" + test.getTestMethod().orElseThrow().getName(), org.seqvault.service.port.Clock.system());
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void partsPutToPresignedUrlsAreListedAndAssembledWithTrueChecksums() throws Exception {
        // The Seven Bridges client's quirk: size % part_size == 1 gives a part of part_size + 1 and a 0-byte last part.
        long partSize = 5L * MIB;
        byte[] one = random(5 * MIB, 1);
        byte[] two = random(5 * MIB + 1, 2);
        byte[] three = new byte[0];
        UploadSession session = TestSessions.begin(store, "up_quirk", 10L * MIB + 1, partSize, now);
        assertThat(session.partCount()).isEqualTo(3);

        HttpResponse<byte[]> put2 = PresignedHttp.put(url(session, 2), two);
        HttpResponse<byte[]> put1 = PresignedHttp.put(url(session, 1), one);
        HttpResponse<byte[]> put3 = PresignedHttp.put(url(session, 3), three);

        assertThat(List.of(put1.statusCode(), put2.statusCode(), put3.statusCode())).containsOnly(200);
        assertThat(PresignedHttp.etag(put1)).isEqualTo(md5Hex(one));
        assertThat(PresignedHttp.etag(put3)).isEqualTo(md5Hex(three));
        List<UploadPart> parts = store.directParts(session);
        assertThat(parts).extracting(UploadPart::partNumber, UploadPart::size, UploadPart::etag, UploadPart::sha256)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, (long) one.length, md5Hex(one), null),
                        org.assertj.core.groups.Tuple.tuple(2, (long) two.length, md5Hex(two), null),
                        org.assertj.core.groups.Tuple.tuple(3, 0L, md5Hex(three), null));

        Blob blob = store.assemble("up_quirk", "up_quirk", parts, now);

        assertThat(blob.size()).isEqualTo(10L * MIB + 1);
        assertThat(blob.checksums()).isEqualTo(checksumsOf(one, two, three));
        assertThat(readAll(blob.id())).isEqualTo(concat(one, two, three));
        assertThat(store.directParts(session)).isEmpty();
        assertThat(store.stagedUploadIds()).isEmpty();
    }

    @Test
    void aSinglePutWithTheContentTypeTheV1AnswerAsksForWorks() throws Exception {
        byte[] content = "ACGT\n".repeat(1000).getBytes();
        UploadSession session = TestSessions.begin(store, "up_single", content.length, content.length, now);
        Presigned url = store.presignPartUpload(session, 1, now.plusSeconds(600));

        HttpResponse<byte[]> put = PresignedHttp.put(url.url(), content, Map.of("Content-Type", "text/x-vcf"));

        assertThat(url.method()).isEqualTo("PUT");
        assertThat(url.headers()).isEmpty();
        assertThat(url.url()).startsWith(s3.endpoint().toString()).contains("uploadId=").contains("partNumber=1");
        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(PresignedHttp.etag(put)).isEqualTo(md5Hex(content));
        Blob blob = store.assemble("up_single", "up_single", store.directParts(session), now);
        assertThat(blob.checksums()).isEqualTo(checksumsOf(content));
    }

    @Test
    void anEmptyFileIsOneEmptyPart() throws Exception {
        UploadSession session = TestSessions.begin(store, "up_none", 0, 1, now);
        assertThat(PresignedHttp.put(url(session, 1), new byte[0]).statusCode()).isEqualTo(200);

        Blob blob = store.assemble("up_none", "up_none", store.directParts(session), now);

        assertThat(blob.size()).isZero();
        assertThat(blob.checksums()).isEqualTo(checksumsOf(new byte[0]));
    }

    @Test
    void aPartSentAgainAfterItWasListedIsCaughtBeforeCompleting() throws Exception {
        byte[] first = random(1000, 3);
        UploadSession session = TestSessions.begin(store, "up_race", 1000, 1000, now);
        PresignedHttp.put(url(session, 1), first);
        List<UploadPart> listed = store.directParts(session);

        // Same size, other bytes: the ETag S3 now holds differs from the one the parts were checked with.
        PresignedHttp.put(url(session, 1), random(1000, 4));

        assertThatThrownBy(() -> store.assemble("up_race", "up_race", listed, now))
                .isInstanceOfSatisfying(UserException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UPLOAD_INCOMPLETE))
                .hasMessageContaining("sent again");
        assertThat(store.blobIds()).isEmpty();
        // Completing again with what S3 now holds succeeds (the session stays COMPLETING meanwhile).
        Blob blob = store.assemble("up_race", "up_race", store.directParts(session), now);
        assertThat(blob.checksums().md5()).isNotEqualTo(md5Hex(first));
    }

    @Test
    void aPartTooSmallToBeFollowedByAnotherIsAUserError() throws Exception {
        UploadSession session = TestSessions.begin(store, "up_small", 2000, 1000, now);
        PresignedHttp.put(url(session, 1), random(1000, 5));
        PresignedHttp.put(url(session, 2), random(1000, 6));

        assertThatThrownBy(() -> store.assemble("up_small", "up_small", store.directParts(session), now))
                .isInstanceOfSatisfying(UserException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UPLOAD_INCOMPLETE))
                .hasMessageContaining("5 MiB");
        assertThat(store.minPartSize()).isEqualTo(5L * MIB);
    }

    @Test
    void assemblingAnAbortedUploadSaysItIsGone() throws Exception {
        UploadSession session = TestSessions.begin(store, "up_gone", 10, 10, now);
        PresignedHttp.put(url(session, 1), new byte[10]);
        List<UploadPart> parts = store.directParts(session);

        store.discardUpload("up_gone");

        assertThat(store.directParts(session)).isEmpty();
        assertThat(store.stagedUploadIds()).isEmpty();
        assertThatThrownBy(() -> store.assemble("up_gone", "up_gone", parts, now))
                .isInstanceOfSatisfying(UserException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.UPLOAD_INCOMPLETE));
    }

    @Test
    void aPartUrlNamesOnePartOfOneUpload() throws Exception {
        UploadSession session = TestSessions.begin(store, "up_signed", 20, 10, now);
        String url = url(session, 1);

        HttpResponse<byte[]> otherPart = PresignedHttp.put(url.replace("partNumber=1", "partNumber=2"), new byte[10]);
        HttpResponse<byte[]> otherKey = PresignedHttp.put(url.replace("/up_signed?", "/up_other?"), new byte[10]);

        assertThat(otherPart.statusCode()).isEqualTo(403);
        assertThat(otherKey.statusCode()).isEqualTo(403);
        assertThat(store.directParts(session)).isEmpty();
    }

    @Test
    void aSessionWithoutAnS3UploadCannotBePresigned() throws Exception {
        UploadSession session = new UploadSession("up_old", "usr_1", "ws_1", "fld_1", null, "x", 1, 1, 1, false,
                org.seqvault.domain.UploadState.OPEN, null, null, null, null, null, null, now, now.plusSeconds(60));

        assertThatThrownBy(() -> store.presignPartUpload(session, 1, now.plusSeconds(60)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("start a new upload");
        assertThat(store.directParts(session)).isEmpty();
    }

    private String url(UploadSession session, int part) {
        return store.presignPartUpload(session, part, now.plusSeconds(600)).url();
    }

    private byte[] readAll(String blobId) throws Exception {
        try (var reader = store.open(blobId)) {
            var out = new java.io.ByteArrayOutputStream();
            reader.transferTo(0, reader.size(), java.nio.channels.Channels.newChannel(out));
            return out.toByteArray();
        }
    }
}
