package org.seqvault.service.presign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlobPathsTest {

    @Test
    void partUploadPath() {
        assertThat(BlobPaths.partUpload("up_abc-1", 7)).isEqualTo("/_blob/up/up_abc-1/7");
        assertThatThrownBy(() -> BlobPaths.partUpload("up_1", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void downloadPathEncodesTheFileName() {
        assertThat(BlobPaths.download("0a1b2c", "sample 1 (final)#2?.vcf.gz"))
                .isEqualTo("/_blob/dl/0a1b2c/sample%201%20%28final%29%232%3F.vcf.gz");
        assertThat(BlobPaths.download("0a1b2c", "Résumé~v1_2-x.bam"))
                .isEqualTo("/_blob/dl/0a1b2c/R%C3%A9sum%C3%A9~v1_2-x.bam");
        assertThat(BlobPaths.download("0a1b2c", "50%+a&b=c;d")).isEqualTo("/_blob/dl/0a1b2c/50%25%2Ba%26b%3Dc%3Bd");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain.txt", "a b", "ünï cødé ✓.fa", "%41", "x/y", "q?x#y", "..."})
    void encodedSegmentDecodesBackToTheName(String name) {
        String segment = BlobPaths.segment(name);

        assertThat(segment).matches("[A-Za-z0-9._~%-]+");
        assertThat(URI.create("http://h/" + segment).getPath()).isEqualTo("/" + name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", ".."})
    void segmentsThatNormalisationWouldEatAreRefused(String name) {
        assertThatThrownBy(() -> BlobPaths.segment(name)).isInstanceOf(IllegalArgumentException.class);
    }
}
