package org.seqvault.service.presign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.BlobStore.Presigned;

class DownloadUrlsTest {
    private static final Instant NOW = Instant.parse("2030-05-06T07:08:09Z");
    private static final Instant EXPIRES = NOW.plusSeconds(3600).plusMillis(250);
    private static final String BASE_URL = "http://127.0.0.1:8080";
    private static final UrlSigner SIGNER = new UrlSigner(SigningKeys.of("test signing secret, 32 bytes.."));

    @Test
    void aDownloadUrlNamesTheFileAndSignsItsName() {
        String name = "Sample 1 (ünï)#2?.vcf.gz";

        Presigned p = new DownloadUrls(SIGNER, BASE_URL + "/").sign("65a1b2c3d4e5f60718293a4b", name, EXPIRES);

        assertThat(p.method()).isEqualTo("GET");
        assertThat(p.headers()).isEmpty();
        assertThat(p.expires()).isEqualTo(NOW.plusSeconds(3600));
        URI url = URI.create(p.url());
        assertThat(p.url()).startsWith(BASE_URL
                + "/_blob/dl/65a1b2c3d4e5f60718293a4b/Sample%201%20%28%C3%BCn%C3%AF%29%232%3F.vcf.gz?exp=");
        assertThat(url.getPath()).isEqualTo("/_blob/dl/65a1b2c3d4e5f60718293a4b/" + name);
        assertThatCode(() -> verify("GET", url.getRawPath(), url)).doesNotThrowAnyException();
        assertRejected(() -> verify("GET", url.getRawPath().replace("Sample%201", "Sample%202"), url));
        assertRejected(() -> verify("GET", url.getRawPath().replace("65a1b2c3d4e5f60718293a4b",
                "65a1b2c3d4e5f60718293a4c"), url));
        assertRejected(() -> verify("GET", "/_blob/dl/65a1b2c3d4e5f60718293a4b/evil.html", url));
        assertRejected(() -> verify("PUT", url.getRawPath(), url));
    }

    @Test
    void refusesIdsAndNamesThatAreNotOnePathSegment() {
        DownloadUrls urls = new DownloadUrls(SIGNER, BASE_URL);
        assertThat(urls.sign("65a1/x", "x", EXPIRES).url()).contains("/_blob/dl/65a1%2Fx/x?");
        assertThatThrownBy(() -> urls.sign("65a1b2", "..", EXPIRES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> urls.sign("", "x", EXPIRES)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void verify(String method, String rawPath, URI signedUrl) {
        Map<String, String> q = new HashMap<>();
        for (String pair : signedUrl.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], kv[1]);
        }
        assertThat(q).containsOnlyKeys("exp", "kid", "sig");
        SIGNER.verify(method, rawPath, q.get("exp"), q.get("kid"), q.get("sig"), NOW);
    }

    private static void assertRejected(ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(UserException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.BAD_SIGNATURE));
    }
}
