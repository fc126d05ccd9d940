package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class KeyRangeTest {

    @Test
    void bumpsTheLastCharacter() {
        assertThat(KeyRange.upperBound("raw/")).contains("raw0");
        assertThat(KeyRange.upperBound("a")).contains("b");
    }

    @Test
    void emptyPrefixHasNoBound() {
        assertThat(KeyRange.upperBound("")).isEmpty();
    }

    @Test
    void worksOnCodePointsNotBytes() {
        assertThat(KeyRange.upperBound("x\u00bf")).contains("x\u00c0");
        assertThat(KeyRange.upperBound("x\uD83D\uDE00")).contains("x\uD83D\uDE01");
        assertThat(KeyRange.upperBound("x\uD7FF")).as("skips the surrogate block").contains("x\uE000");
        assertThat(KeyRange.upperBound("x\uDBFF\uDFFF")).as("U+10FFFF cannot grow").contains("y");
        assertThat(KeyRange.upperBound("\uDBFF\uDFFF")).isEmpty();
    }

    @Test
    void boundSortsAfterEveryExtensionInUtf8ByteOrder() {
        String prefix = "d\u00e9j\u00e0/";
        String bound = KeyRange.upperBound(prefix).orElseThrow();
        for (String key : new String[] {prefix, prefix + "\uDBFF\uDFFF", prefix + "\uFFFF", prefix + "zzz"}) {
            assertThat(compareUtf8(key, bound)).as(key).isNegative();
        }
        assertThat(compareUtf8(prefix.substring(0, prefix.length() - 1) + "0", bound)).isZero();
    }

    private static int compareUtf8(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
