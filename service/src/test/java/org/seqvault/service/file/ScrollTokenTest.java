package org.seqvault.service.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.NodeRepository.NodeCursor;

class ScrollTokenTest {

    @Test
    void aTokenRoundTripsAnyName() {
        for (NodeCursor c : new NodeCursor[] {
                new NodeCursor(true, "raw", "0123456789abcdef01234567"),
                new NodeCursor(false, "a b|c/…ü.vcf", "fedcba9876543210fedcba98"),
                new NodeCursor(false, "0", "000000000000000000000000")}) {
            assertThat(ScrollToken.decode(ScrollToken.encode(c))).isEqualTo(c);
        }
    }

    @Test
    void initAndNoTokenStartAtTheBeginning() {
        assertThat(ScrollToken.decode(ScrollToken.INIT)).isNull();
        assertThat(ScrollToken.decode(null)).isNull();
        assertThat(ScrollToken.decode("")).isNull();
    }

    @Test
    void garbageIsAnInvalidCursor() {
        String[] bad = {"garbage!", "@@@", b64("x0123456789abcdef01234567name"), b64("10123456789abcdef0123456"),
                b64("1XYZ3456789abcdef01234567name"), b64("2" + "0".repeat(24) + "n")};
        for (String token : bad) {
            assertThatThrownBy(() -> ScrollToken.decode(token)).as(token)
                    .isInstanceOfSatisfying(UserException.class,
                            e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_CURSOR));
        }
    }

    private static String b64(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }
}
