package org.seqvault.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeNameTest {

    @ParameterizedTest
    @ValueSource(strings = {"sample.bam", "a", "x y.vcf.gz", "__not_a_folder.txt", "..hidden", "名前.fastq"})
    void acceptsOrdinaryNames(String name) {
        assertThat(new NodeName(name).value()).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a\\b", "tab\there", "nul\u0000"})
    void refusesBadNames(String name) {
        assertThatThrownBy(() -> new NodeName(name))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_NAME));
    }

    @Test
    void limitsLengthTo255Characters() {
        assertThat(new NodeName("x".repeat(255)).value()).hasSize(255);
        assertThatThrownBy(() -> new NodeName("x".repeat(256))).hasMessageContaining("255");
    }

    @Test
    void folderNamesMustNotStartWithDoubleUnderscore() {
        assertThatThrownBy(() -> NodeName.folder("__system")).hasMessageContaining("__");
        assertThat(NodeName.folder("_ok").value()).isEqualTo("_ok");
    }

    @Test
    void nullIsRefusedWithTheArgumentNamed() {
        assertThatThrownBy(() -> new NodeName(null)).hasMessageContaining("name");
    }
}
