package org.seqvault.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OriginTaskTest {

    @Test
    void aTaskIdUpTo255BytesIsKept() {
        assertThat(new OriginTask("6b1f8a2e-1c2d-4e5f-8a9b-0c1d2e3f4a5b").value())
                .isEqualTo("6b1f8a2e-1c2d-4e5f-8a9b-0c1d2e3f4a5b");
        assertThat(new OriginTask("t".repeat(255)).value()).hasSize(255);
        assertThat(OriginTask.checkOptional(null)).isNull();
    }

    @Test
    void theLimitCountsUtf8Bytes() {
        // 128 two-byte characters: 128 characters, 256 bytes.
        assertThatThrownBy(() -> new OriginTask("é".repeat(128)))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_REQUEST))
                .hasMessage("origin task is 256 bytes long; the limit is 255");
        assertThat(new OriginTask("é".repeat(127)).value()).hasSize(127);
    }

    @Test
    void emptyOrControlCharactersAreRefused() {
        assertThatThrownBy(() -> new OriginTask("")).hasMessage("origin task is required");
        assertThatThrownBy(() -> OriginTask.checkOptional("a\u0000b"))
                .hasMessage("origin task 'a\\x00b' must not contain control characters");
    }
}
