package org.seqvault.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written checks accept and refuse exactly what the rules they replace did. */
class ValueChecksTest {
    @Test
    void utf8LengthCountsWhatTheEncoderWrites() {
        List<String> samples = List.of("", "ascii", "é", "ü", "✓", "試料", "😀", "a😀b", "\u07ff\u0800",
                "\ud83d", "\ude00", "x\ud83dy", "\ude00\ud83d", "\ud83d\ud83d\ude00", "end\ud83d");
        for (String s : samples) {
            assertThat(Checks.utf8Length(s)).as(s).isEqualTo(s.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    @Test
    void usernamesFollowTheirPattern() {
        Pattern rule = Pattern.compile("[a-z0-9][a-z0-9_-]{1,38}");
        List<String> samples = List.of("ab", "a", "a_", "_a", "-a", "0-x", "admin", "Admin", "a b", "é9", "a".repeat(39),
                "a".repeat(40), "x-y_z-0", "a.b", "a\u0000");
        for (String s : samples) {
            if (rule.matcher(s).matches()) {
                assertThat(new Username(s).value()).isEqualTo(s);
            } else {
                assertThatThrownBy(() -> new Username(s)).as(s).isInstanceOf(UserException.class);
            }
        }
    }

    @Test
    void checksumsAreLowercaseHexOfTheirLength() {
        String md5 = "0123456789abcdef0123456789abcdef";
        String sha256 = md5 + md5;
        assertThat(new Checksums(md5, sha256).md5()).isEqualTo(md5);
        for (String bad : List.of(md5.toUpperCase(), md5.substring(1), md5 + "0", md5.replace('f', 'g'))) {
            assertThatThrownBy(() -> new Checksums(bad, sha256)).as(bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new Checksums(md5, bad + bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> new Checksums(null, sha256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Checksums(md5, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
