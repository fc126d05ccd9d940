package org.seqvault.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileKeyTest {

    @Test
    void splitsFoldersAndName() {
        FileKey key = FileKey.parse("raw/sub/x.vcf");
        assertThat(key.folders()).extracting(NodeName::value).containsExactly("raw", "sub");
        assertThat(key.name().value()).isEqualTo("x.vcf");
        assertThat(key.value()).isEqualTo("raw/sub/x.vcf");
        assertThat(key.folder().prefix()).isEqualTo("raw/sub/");
    }

    @Test
    void aKeyWithoutFoldersLivesAtTheRoot() {
        FileKey key = FileKey.parse("top.txt");
        assertThat(key.folder().isRoot()).isTrue();
        assertThat(key.value()).isEqualTo("top.txt");
    }

    @Test
    void acceptsUnicodeAndSpaces() {
        assertThat(FileKey.parse("données/échantillon 1.vcf").name().value()).isEqualTo("échantillon 1.vcf");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/abs.vcf", "raw/", "raw//x", "raw/../x", "../x", "./x", "raw/./x", "a\\b",
            "raw/x\u0000y", "raw/\nx", "x\u007f", "__hidden/x"})
    void refusesBadKeys(String bad) {
        assertThatThrownBy(() -> FileKey.parse(bad))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_KEY));
    }

    @Test
    void refusesKeysOver1024Bytes() {
        String longKey = "a/".repeat(400) + "x".repeat(300);
        assertThatThrownBy(() -> FileKey.parse(longKey)).isInstanceOf(UserException.class)
                .hasMessageContaining("1024");
        // 1024 bytes counted in UTF-8, not characters: 'é' is two bytes.
        assertThatThrownBy(() -> FileKey.parse("d/".repeat(10) + "é".repeat(510))).isInstanceOf(UserException.class);
    }

    @Test
    void folderPathAcceptsATrailingSlashOrNot() {
        assertThat(FolderPath.parse("raw/")).isEqualTo(FolderPath.parse("raw"));
        assertThat(FolderPath.parse(null).isRoot()).isTrue();
        assertThat(FolderPath.parse("").isRoot()).isTrue();
        assertThatThrownBy(() -> FolderPath.parse("/raw")).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> FolderPath.parse("raw//sub")).isInstanceOf(UserException.class);
    }

    @Test
    void errorMessagesNameTheBadInputWithoutRawControlCharacters() {
        assertThatThrownBy(() -> FileKey.parse("raw/x\u0001y")).hasMessageContaining("\\x01")
                .hasMessageNotContaining("\u0001");
    }
}
