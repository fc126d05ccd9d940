package org.seqvault.store.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seqvault.store.fs.TestBlobs.BASE_URL;
import static org.seqvault.store.fs.TestBlobs.SIGNER;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UploadState;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.BlobStore.Presigned;

class FsBlobStorePresignTest {
    private static final Instant NOW = Instant.parse("2030-05-06T07:08:09Z");
    private static final Instant EXPIRES = NOW.plusSeconds(3600).plusMillis(250);

    @TempDir
    Path root;

    @Test
    void partUploadUrlIsASignedPutOfThatPart() {
        FsBlobStore store = new FsBlobStore(root, SIGNER, BASE_URL);

        Presigned p = store.presignPartUpload(session("up_abc123"), 3, EXPIRES);

        assertThat(p.method()).isEqualTo("PUT");
        assertThat(p.headers()).isEmpty();
        assertThat(p.expires()).isEqualTo(NOW.plusSeconds(3600));
        assertThat(p.url()).startsWith(BASE_URL + "/_blob/up/up_abc123/3?exp=");
        URI url = URI.create(p.url());
        assertThatCode(() -> verify("PUT", url.getRawPath(), url)).doesNotThrowAnyException();
        assertRejected(() -> verify("GET", url.getRawPath(), url));
        assertRejected(() -> verify("PUT", "/_blob/up/up_abc123/4", url));
        assertRejected(() -> verify("PUT", "/_blob/up/up_abc124/3", url));
        assertRejected(() -> verify("PUT", "/_blob/dl/up_abc123/3", url));
    }

    /** The server serves local blobs itself, under download URLs that name the file (DownloadUrls). */
    @Test
    void downloadsHaveNoUrlOfTheStore() {
        assertThat(new FsBlobStore(root, SIGNER, BASE_URL).presignDownload("65a1b2c3d4e5", "x.bam", EXPIRES)).isEmpty();
    }

    @Test
    void alteredQueryFails() {
        FsBlobStore store = new FsBlobStore(root, SIGNER, BASE_URL);
        URI url = URI.create(store.presignPartUpload(session("up_abc123"), 1, EXPIRES).url());
        Map<String, String> q = query(url);

        assertRejected(() -> SIGNER.verify("PUT", url.getRawPath(),
                Long.toString(Long.parseLong(q.get("exp")) + 3600), q.get("kid"), q.get("sig"), NOW));
        String sig = q.get("sig");
        String otherFirst = (sig.charAt(0) == 'A' ? "B" : "A") + sig.substring(1);
        assertRejected(() -> SIGNER.verify("PUT", url.getRawPath(), q.get("exp"), q.get("kid"), otherFirst, NOW));
        assertRejected(() -> SIGNER.verify("PUT", url.getRawPath(), q.get("exp"), q.get("kid"), q.get("sig"),
                EXPIRES));
    }

    @Test
    void refusesBadBaseUrlsAndIds() {
        assertThatThrownBy(() -> new FsBlobStore(root, SIGNER, "127.0.0.1:8080"))
                .isInstanceOf(IllegalArgumentException.class);
        FsBlobStore store = new FsBlobStore(root, SIGNER, BASE_URL);
        assertThatThrownBy(() -> store.presignPartUpload(session("../up"), 1, EXPIRES))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void verify(String method, String rawPath, URI signedUrl) {
        Map<String, String> q = query(signedUrl);
        SIGNER.verify(method, rawPath, q.get("exp"), q.get("kid"), q.get("sig"), NOW);
    }

    private static Map<String, String> query(URI url) {
        Map<String, String> params = new HashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0], kv[1]);
        }
        assertThat(params).containsOnlyKeys("exp", "kid", "sig");
        return params;
    }

    private static void assertRejected(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(UserException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.BAD_SIGNATURE));
    }

    private static UploadSession session(String id) {
        return new UploadSession(id, "u1", "p1", "f1", null, "x.bam", 10, 5, 2, false, UploadState.OPEN, null, null,
                null, null, null, null, NOW, NOW.plusSeconds(86_400));
    }
}
