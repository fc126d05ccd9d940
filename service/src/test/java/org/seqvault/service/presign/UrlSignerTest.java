package org.seqvault.service.presign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;

class UrlSignerTest {
    private static final String SECRET = "correct horse battery staple";
    private static final String NEW_SECRET = "a brand new signing secret";
    /** Every character class a raw path holds: letters, digits, '/', '%XX', '.', '-', '_', '~'. */
    private static final String PATH = "/_blob/dl/0a1b2c3d4e5f/R%C3%A9sum%C3%A9_v1.2-x~y.vcf.gz";
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
    private static final Instant EXPIRES = NOW.plusSeconds(3600);

    private final UrlSigner signer = new UrlSigner(SigningKeys.of(SECRET));

    @Test
    void signedUrlVerifies() {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES);

        assertThat(q.exp()).isEqualTo(EXPIRES.getEpochSecond());
        assertThat(q.kid()).isEqualTo(SigningKeys.keyIdOf(SECRET));
        assertThat(q.sig()).matches("[A-Za-z0-9_-]{43}");
        assertThatCode(() -> verify(signer, "GET", PATH, q, NOW)).doesNotThrowAnyException();
    }

    /**
     * A signature computed outside Java, so a change to the canonical string, the key id or the
     * encoding (which would break every URL already handed out) fails here:
     * <pre>
     * printf '%s' 'correct horse battery staple' | sha256sum | cut -c1-8       # kid: c4bbcb1f
     * printf 'GET\n/_blob/dl/0a1b2c3d4e5f/R%%C3%%A9sum%%C3%%A9_v1.2-x~y.vcf.gz\n1893459600\nc4bbcb1f' \
     *   | openssl dgst -sha256 -hmac 'correct horse battery staple' -binary | basenc --base64url | tr -d '='
     * </pre>
     */
    @Test
    void knownAnswer() {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES);

        assertThat(q.exp()).isEqualTo(1893459600L);
        assertThat(q.kid()).isEqualTo("c4bbcb1f");
        assertThat(q.sig()).isEqualTo("ImwCNobWxNEGyLWyU0wNGzx7oQIeVHnHiv5uEbymvx8");
        assertThatCode(() -> signer.verify("GET", PATH, "1893459600", "c4bbcb1f",
                "ImwCNobWxNEGyLWyU0wNGzx7oQIeVHnHiv5uEbymvx8", NOW)).doesNotThrowAnyException();
    }

    @Test
    void rendersAsQueryString() {
        SignedQuery q = signer.sign("PUT", "/_blob/up/up_1/1", EXPIRES);

        assertThat(q.render()).isEqualTo("exp=" + q.exp() + "&kid=" + q.kid() + "&sig=" + q.sig());
        assertThat(q).hasToString(q.render());
        assertThat(q.expires()).isEqualTo(EXPIRES);
    }

    @Test
    void expiresExactlyAtExp() {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES);

        assertThatCode(() -> verify(signer, "GET", PATH, q, EXPIRES.minusMillis(1))).doesNotThrowAnyException();
        assertRejected(() -> verify(signer, "GET", PATH, q, EXPIRES), "URL expired");
        assertRejected(() -> verify(signer, "GET", PATH, q, EXPIRES.plusSeconds(1)), "URL expired");
    }

    @Test
    void fractionalExpiryRoundsDown() {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES.plusMillis(999));

        assertThat(q.expires()).isEqualTo(EXPIRES);
        assertRejected(() -> verify(signer, "GET", PATH, q, EXPIRES.plusMillis(500)), "URL expired");
    }

    @ParameterizedTest
    @ValueSource(strings = {"PUT", "HEAD", "POST", "DELETE", "get", "GETX", ""})
    void otherMethodFails(String method) {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES);

        assertRejected(() -> verify(signer, method, PATH, q, NOW), "does not match");
    }

    @Test
    void changingAnyPathCharacterFails() {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES);
        String replacements = "aZ0/%.-_~9F";
        for (int i = 0; i < PATH.length(); i++) {
            for (char r : replacements.toCharArray()) {
                if (r != PATH.charAt(i)) {
                    String tampered = PATH.substring(0, i) + r + PATH.substring(i + 1);
                    assertRejected(() -> verify(signer, "GET", tampered, q, NOW), "does not match");
                }
            }
            String withoutChar = PATH.substring(0, i) + PATH.substring(i + 1);
            assertRejected(() -> verify(signer, "GET", withoutChar, q, NOW), null);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "/_blob/dl/0a1b2c3d4e5f/R%c3%a9sum%c3%a9_v1.2-x~y.vcf.gz", // lower-case escapes
            "/_blob/dl/0a1b2c3d4e5f/R\u00e9sum\u00e9_v1.2-x~y.vcf.gz", // decoded
            "/_blob/dl/0a1b2c3d4e5f/R%C3%A9sum%C3%A9_v1.2-x%7Ey.vcf.gz", // needless escape
            "/_blob/dl/0a1b2c3d4e5f/R%C3%A9sum%C3%A9_v1.2-x~y.vcf.gz/",
            "/_blob/dl/0a1b2c3d4e5f//R%C3%A9sum%C3%A9_v1.2-x~y.vcf.gz",
            "/_blob/dl/0a1b2c3d4e5f/R%C3%A9sum%C3%A9_v1.2-x~y.vcf.gz\nGET",
            "_blob/dl/0a1b2c3d4e5f/R%C3%A9sum%C3%A9_v1.2-x~y.vcf.gz"})
    void otherSpellingOfThePathFails(String tampered) {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES);

        assertRejected(() -> verify(signer, "GET", tampered, q, NOW), "does not match");
    }

    @Test
    void urlForOnePathNeverVerifiesForAnother() {
        List<String> paths = List.of("/_blob/dl/aaaa/x.bam", "/_blob/dl/aaab/x.bam", "/_blob/dl/aaaa/x.bai",
                "/_blob/up/up_1/1", "/_blob/up/up_1/2", "/_blob/up/up_1/10", "/_blob/up/up_2/1");
        for (String signedPath : paths) {
            SignedQuery q = signer.sign("GET", signedPath, EXPIRES);
            for (String other : paths) {
                if (other.equals(signedPath)) {
                    assertThatCode(() -> verify(signer, "GET", other, q, NOW)).doesNotThrowAnyException();
                } else {
                    assertRejected(() -> verify(signer, "GET", other, q, NOW), "does not match");
                }
            }
        }
    }

    @Test
    void changedExpFails() {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES);
        long exp = q.exp();
        for (String tampered : List.of(Long.toString(exp + 1), Long.toString(exp - 1), Long.toString(exp * 10))) {
            assertRejected(() -> signer.verify("GET", PATH, tampered, q.kid(), q.sig(), NOW), "does not match");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0%d", "+%d", "-%d", "%d ", " %d", "%d.0", "0x%d", "%d000000000000000000"})
    void malformedExpFails(String pattern) {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES);
        String exp = pattern.formatted(q.exp());

        assertRejected(() -> signer.verify("GET", PATH, exp, q.kid(), q.sig(), NOW), "exp");
    }

    @Test
    void unknownKidFails() {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES);
        String otherKid = SigningKeys.keyIdOf(NEW_SECRET);

        assertRejected(() -> signer.verify("GET", PATH, exp(q), otherKid, q.sig(), NOW), "unknown key");
        assertRejected(() -> signer.verify("GET", PATH, exp(q), q.kid() + "0", q.sig(), NOW),
                "unknown key");
    }

    @Test
    void swappingToAnotherKnownKidFails() {
        SigningKeys both = SigningKeys.of(NEW_SECRET).withPrevious(SECRET);
        UrlSigner rotated = new UrlSigner(both);
        SignedQuery q = rotated.sign("GET", PATH, EXPIRES);

        assertRejected(() -> rotated.verify("GET", PATH, exp(q), SigningKeys.keyIdOf(SECRET), q.sig(), NOW),
                "does not match");
    }

    @Test
    void changingAnySignatureCharacterFails() {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES);
        List<String> tampered = new ArrayList<>();
        for (int i = 0; i < q.sig().length(); i++) {
            char c = q.sig().charAt(i);
            for (char r : new char[] {'A', 'B', 'z', '0', '-', '_'}) {
                if (r != c) {
                    tampered.add(q.sig().substring(0, i) + r + q.sig().substring(i + 1));
                }
            }
        }
        for (String sig : tampered) {
            assertRejected(() -> signer.verify("GET", PATH, exp(q), q.kid(), sig, NOW), null);
        }
    }

    @Test
    void malformedSignatureFails() {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES);
        String s = q.sig();
        for (String sig : List.of(s + "=", s.substring(1), s + "A", s.substring(0, 5) + "/" + s.substring(6),
                s.substring(0, 42) + "+", "!" + s.substring(1))) {
            assertRejected(() -> signer.verify("GET", PATH, exp(q), q.kid(), sig, NOW), null);
        }
    }

    @Test
    void nonCanonicalSpellingOfTheSameSignatureBytesFails() {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        // The last of 43 characters carries two unused bits; a lenient decoder ignores them.
        char last = q.sig().charAt(42);
        String variant = q.sig().substring(0, 42) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertThat(Base64.getUrlDecoder().decode(variant)).isEqualTo(Base64.getUrlDecoder().decode(q.sig()));

        assertRejected(() -> signer.verify("GET", PATH, exp(q), q.kid(), variant, NOW), "does not match");
    }

    @Test
    void missingParameterFails() {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES);

        assertRejected(() -> signer.verify("GET", PATH, null, q.kid(), q.sig(), NOW), "lacks the exp");
        assertRejected(() -> signer.verify("GET", PATH, "", q.kid(), q.sig(), NOW), "lacks the exp");
        assertRejected(() -> signer.verify("GET", PATH, exp(q), null, q.sig(), NOW), "lacks the kid");
        assertRejected(() -> signer.verify("GET", PATH, exp(q), "", q.sig(), NOW), "lacks the kid");
        assertRejected(() -> signer.verify("GET", PATH, exp(q), q.kid(), null, NOW), "lacks the sig");
        assertRejected(() -> signer.verify("GET", PATH, exp(q), q.kid(), "", NOW), "lacks the sig");
    }

    @Test
    void otherSecretWithSameKidFormatFails() {
        SignedQuery q = new UrlSigner(SigningKeys.of(NEW_SECRET)).sign("GET", PATH, EXPIRES);

        assertRejected(() -> verify(signer, "GET", PATH, q, NOW), "unknown key");
    }

    @Test
    void oldKeyStillVerifiesAfterRotation() {
        SignedQuery old = signer.sign("GET", PATH, EXPIRES);
        UrlSigner rotated = new UrlSigner(SigningKeys.of(NEW_SECRET).withPrevious(SECRET));
        SignedQuery fresh = rotated.sign("GET", PATH, EXPIRES);

        assertThat(fresh.kid()).isEqualTo(SigningKeys.keyIdOf(NEW_SECRET)).isNotEqualTo(old.kid());
        assertThatCode(() -> verify(rotated, "GET", PATH, old, NOW)).doesNotThrowAnyException();
        assertThatCode(() -> verify(rotated, "GET", PATH, fresh, NOW)).doesNotThrowAnyException();
        // Once the old secret is dropped, its URLs stop working.
        assertRejected(() -> verify(new UrlSigner(SigningKeys.of(NEW_SECRET)), "GET", PATH, old, NOW),
                "unknown key");
    }

    @Test
    void messagesNeverContainSecrets() {
        SignedQuery q = signer.sign("GET", PATH, EXPIRES);
        List<ThrowingCallable> failures = List.of(
                () -> signer.verify("GET", PATH, exp(q), q.kid(), "A".repeat(43), NOW),
                () -> signer.verify("GET", PATH, exp(q), "deadbeef", q.sig(), NOW),
                () -> signer.verify("GET", PATH, "x", q.kid(), q.sig(), NOW),
                () -> verify(signer, "GET", PATH, q, EXPIRES),
                () -> SigningKeys.of("short"));
        for (ThrowingCallable failure : failures) {
            assertThatThrownBy(failure).satisfies(e -> assertThat(e.getMessage())
                    .doesNotContain(SECRET).doesNotContain("short").doesNotContain(q.sig()));
        }
    }

    @Test
    void refusesToSignWhatCannotBeVerified() {
        assertThatThrownBy(() -> signer.sign("get", PATH, EXPIRES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("GET", "no-slash", EXPIRES))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("GET", "/a?b=c", EXPIRES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("GET", "/a b", EXPIRES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("GET", "/\u00e9", EXPIRES)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> signer.sign("GET", PATH, Instant.EPOCH.minusSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String exp(SignedQuery q) {
        return Long.toString(q.exp());
    }

    private static void verify(UrlSigner signer, String method, String path, SignedQuery q, Instant now) {
        signer.verify(method, path, exp(q), q.kid(), q.sig(), now);
    }

    private static void assertRejected(ThrowingCallable call, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(UserException.class, e -> {
            assertThat(e.problem()).isEqualTo(Problem.BAD_SIGNATURE);
            if (messagePart != null) {
                assertThat(e.getMessage()).contains(messagePart);
            }
        });
    }
}
