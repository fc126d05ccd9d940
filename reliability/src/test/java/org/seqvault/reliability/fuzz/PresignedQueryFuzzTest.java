package org.seqvault.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.presign.SigningKeys;
import org.seqvault.service.presign.UrlSigner;

/**
 * Presigned URLs with fuzzed query strings and paths, through the server and straight into the
 * signer: no forged URL is honoured, nothing answers 500, and the signer refuses everything it
 * did not sign with a BAD_SIGNATURE and nothing else.
 */
class PresignedQueryFuzzTest {
    private static final UrlSigner SIGNER = new UrlSigner(SigningKeys.of("fuzz-signing-key-0123456789abcdef"));

    @FuzzTest(maxDuration = "5m")
    void presignedQueries(byte[] input) throws IOException {
        FuzzServer fx = FuzzServer.get();
        byte[] fuzz = Bytes.target(Bytes.payload(input));
        RawHttp.Answer answer;
        String genuine;
        switch (Bytes.selector(input, 3)) {
            case 0 -> {
                genuine = fx.downloadUrl.getRawQuery();
                answer = fx.raw.send(Bytes.of("GET"), Bytes.join(Bytes.of(fx.downloadUrl.getRawPath() + "?"), fuzz),
                        new byte[0], null);
            }
            case 1 -> {
                genuine = fx.partUrl.getRawQuery();
                answer = fx.raw.send(Bytes.of("PUT"), Bytes.join(Bytes.of(fx.partUrl.getRawPath() + "?"), fuzz),
                        new byte[0], "hello".getBytes(StandardCharsets.US_ASCII));
            }
            default -> {
                genuine = null;
                answer = fx.raw.send(Bytes.of("GET"), Bytes.join(Bytes.of("/_blob/dl/"), fuzz), new byte[0], null);
            }
        }
        Soundness.check(answer, "/_blob");
        boolean same = genuine != null && genuine.equals(new String(fuzz, StandardCharsets.ISO_8859_1));
        if (answer.status() >= 200 && answer.status() < 300 && !same) {
            throw new AssertionError("a forged presigned URL was honoured: " + new String(fuzz, StandardCharsets.ISO_8859_1));
        }
    }

    @FuzzTest(maxDuration = "5m")
    void signerVerify(byte[] input) {
        String[] parts = new String(input, StandardCharsets.UTF_8).split("\n", -1);
        String method = part(parts, 0, "GET");
        String path = part(parts, 1, "/_blob/dl/abcd1234/x.txt");
        try {
            SIGNER.verify(method, path, part(parts, 2, null), part(parts, 3, null), part(parts, 4, null),
                    Instant.ofEpochSecond(1_700_000_000L));
        } catch (UserException e) {
            if (e.problem() != Problem.BAD_SIGNATURE) {
                throw new AssertionError("refused with " + e.problem() + " instead of BAD_SIGNATURE", e);
            }
            return;
        }
        throw new AssertionError("a signature nobody made was accepted: " + String.join(" | ", parts));
    }

    private static String part(String[] parts, int i, String fallback) {
        return i < parts.length ? parts[i] : fallback;
    }
}
