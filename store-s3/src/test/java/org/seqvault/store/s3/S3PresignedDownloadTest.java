package org.seqvault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.store.s3.TestBytes.random;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqvault.domain.Blob;
import org.seqvault.domain.UploadPart;
import org.seqvault.service.port.BlobStore.Presigned;
import org.seqvault.service.port.Clock;
import org.seqvault.testkit.stores.S3TestServer;

/** Presigned GetObject URLs: served by S3 itself, with Range, refused when tampered with or expired. */
class S3PresignedDownloadTest {
    private static final byte[] CONTENT = random(100_000, 42);
    private static S3TestServer s3;
    private static S3BlobStore store;
    private static Blob blob;

    @BeforeAll
    static void storeOneBlob() throws Exception {
        s3 = S3TestServer.start();
        store = S3TestStores.store(s3, "download", Clock.system());
        UploadPart part = store.writePart("up_dl", 1, new ByteArrayInputStream(CONTENT), CONTENT.length, true);
        blob = store.assemble("up_dl", "up_dl", List.of(part), Instant.now());
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @Test
    void aPlainGetServesTheWholeBlobAsAnAttachmentNamedAfterTheFile() throws Exception {
        Presigned url = presign("ünïcode reads.bam", 600);

        HttpResponse<byte[]> response = PresignedHttp.get(url.url(), null);

        assertThat(url.method()).isEqualTo("GET");
        assertThat(url.url()).startsWith(s3.endpoint().toString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(CONTENT);
        assertThat(response.headers().firstValue("Content-Length")).contains(String.valueOf(CONTENT.length));
        assertThat(response.headers().firstValue("Content-Type")).contains("application/octet-stream");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename*=UTF-8''%C3%BCn%C3%AFcode%20reads.bam");
    }

    @Test
    void aRangeGetsA206WithTheSliceAndARangePastTheEndIsClamped() throws Exception {
        String url = presign("x.bam", 600).url();

        HttpResponse<byte[]> slice = PresignedHttp.get(url, "bytes=10-19");
        HttpResponse<byte[]> tail = PresignedHttp.get(url, "bytes=99990-200000");

        assertThat(slice.statusCode()).isEqualTo(206);
        assertThat(slice.body()).isEqualTo(Arrays.copyOfRange(CONTENT, 10, 20));
        assertThat(slice.headers().firstValue("Content-Range")).contains("bytes 10-19/100000");
        assertThat(tail.statusCode()).isEqualTo(206);
        assertThat(tail.body()).isEqualTo(Arrays.copyOfRange(CONTENT, 99_990, 100_000));
        assertThat(tail.headers().firstValue("Content-Length")).contains("10");
    }

    @Test
    void aUrlWithAnotherKeyIsRefused() throws Exception {
        String url = presign("x.bam", 600).url();

        assertThat(PresignedHttp.get(url.replace("/up_dl?", "/up_dx?"), null).statusCode()).isEqualTo(403);
    }

    @Test
    void aUrlWithALaterExpiryIsRefused() throws Exception {
        String url = presign("x.bam", 600).url();

        String later = url.replaceFirst("X-Amz-Expires=[0-9]+", "X-Amz-Expires=6000");

        assertThat(later).isNotEqualTo(url);
        assertThat(PresignedHttp.get(later, null).statusCode()).isEqualTo(403);
    }

    @Test
    void aUrlWithAnAlteredSignatureIsRefused() throws Exception {
        String url = presign("x.bam", 600).url();
        int at = url.indexOf("X-Amz-Signature=") + "X-Amz-Signature=".length();
        char flipped = url.charAt(at) == '0' ? '1' : '0';

        String tampered = url.substring(0, at) + flipped + url.substring(at + 1);

        assertThat(PresignedHttp.get(tampered, null).statusCode()).isEqualTo(403);
    }

    @Test
    void aUrlWithAnotherFileNameIsRefused() throws Exception {
        String url = presign("x.bam", 600).url();

        assertThat(url).contains("x.bam");
        assertThat(PresignedHttp.get(url.replace("x.bam", "y.bam"), null).statusCode()).isEqualTo(403);
    }

    @Test
    void anExpiredUrlIsRefused() throws Exception {
        String url = presign("x.bam", 1).url();
        assertThat(PresignedHttp.get(url, "bytes=0-0").statusCode()).isEqualTo(206);

        Thread.sleep(2_100);

        assertThat(PresignedHttp.get(url, "bytes=0-0").statusCode()).isEqualTo(403);
    }

    private static Presigned presign(String fileName, long seconds) {
        return store.presignDownload(blob.id(), fileName, Instant.now().plusSeconds(seconds)).orElseThrow();
    }
}
