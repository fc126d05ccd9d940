package org.seqvault.cli.commands;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalNamesTest {
    @Test
    void namesThatWouldLeaveTheDirectoryOrHideInItAreRefusedEverywhere() {
        for (boolean windows : new boolean[] {false, true}) {
            assertThat(LocalNames.problem("", windows)).isEqualTo("is empty");
            assertThat(LocalNames.problem("..", windows)).isEqualTo("would name a directory above or the same one");
            assertThat(LocalNames.problem(".", windows)).isEqualTo("would name a directory above or the same one");
            assertThat(LocalNames.problem("a/b", windows)).isEqualTo("contains a path separator");
            assertThat(LocalNames.problem("..\\x", windows)).isEqualTo("contains a path separator");
            assertThat(LocalNames.problem("a\u0000b", windows)).isEqualTo("contains a control character");
            assertThat(LocalNames.problem("two\nlines", windows)).isEqualTo("contains a control character");
            assertThat(LocalNames.problem("NA12878.cram", windows)).isNull();
            assertThat(LocalNames.problem("..hidden", windows)).isNull();
            assertThat(LocalNames.problem("résumé.vcf", windows)).isNull();
        }
    }

    @Test
    void windowsDeviceNamesAndCharactersAreRefusedOnlyThere() {
        for (String name : new String[] {"NUL", "nul.txt", "Aux", "com1.bam", "LPT9.x.y", "a:b", "what?", "x.", "x "}) {
            assertThat(LocalNames.problem(name, true)).as(name).isNotNull();
            assertThat(LocalNames.problem(name, false)).as(name).isNull();
        }
        assertThat(LocalNames.problem("console.log", true)).isNull();
        assertThat(LocalNames.problem("com10", true)).isNull();
    }

    @Test
    void namesAreQuotedWithControlCharactersVisible() {
        assertThat(LocalNames.quoted("..")).isEqualTo("'..'");
        assertThat(LocalNames.quoted("a\u0000b\n")).isEqualTo("'a\\u0000b\\u000a'");
    }
}
