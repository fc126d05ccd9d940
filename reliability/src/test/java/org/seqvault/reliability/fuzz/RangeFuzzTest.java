package org.seqvault.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Range headers on a genuine download URL: the answer is the whole file (200), exactly the
 * range it names (206, with a Content-Range that matches the bytes), or 416; never anything else.
 */
class RangeFuzzTest {
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+)");

    @FuzzTest(maxDuration = "5m")
    void rangeHeaders(byte[] input) throws IOException {
        FuzzServer fx = FuzzServer.get();
        String target = fx.downloadUrl.getRawPath() + "?" + fx.downloadUrl.getRawQuery();
        RawHttp.Answer answer = fx.raw.send(Bytes.of("GET"), Bytes.of(target),
                Bytes.join(Bytes.of("Range: "), Bytes.headerValue(input), Bytes.of("\r\n")), null);
        Soundness.check(answer, target);
        byte[] file = FuzzServer.FILE_BYTES;
        switch (answer.status()) {
            case 200 -> require(Arrays.equals(answer.body(), file), "200 without the whole file", answer);
            case 206 -> {
                Matcher m = CONTENT_RANGE.matcher(String.valueOf(answer.header("Content-Range")));
                require(m.matches(), "206 without a Content-Range", answer);
                int from = Integer.parseInt(m.group(1));
                int to = Integer.parseInt(m.group(2));
                require(Integer.parseInt(m.group(3)) == file.length && from <= to && to < file.length,
                        "206 with an impossible Content-Range", answer);
                require(Arrays.equals(answer.body(), Arrays.copyOfRange(file, from, to + 1)),
                        "206 whose bytes are not the named range", answer);
            }
            case 400, 416 -> {
                // A malformed or unsatisfiable range may be refused.
            }
            default -> require(false, "unexpected status", answer);
        }
    }

    private static void require(boolean ok, String what, RawHttp.Answer answer) {
        if (!ok) {
            throw new AssertionError(what + ": " + answer.status() + " " + answer.head());
        }
    }
}
