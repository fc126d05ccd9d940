package org.seqvault.service.file;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentTypesTest {

    @Test
    void aGivenSpecificTypeWins() {
        assertThat(ContentTypes.choose("text/plain", "x.vcf")).isEqualTo("text/plain");
    }

    @Test
    void genericOrMissingTypesAreGuessedFromTheExtension() {
        assertThat(ContentTypes.choose("application/octet-stream", "sample.VCF")).isEqualTo("text/x-vcf");
        assertThat(ContentTypes.choose(null, "reads.fq")).isEqualTo("text/x-fastq");
        assertThat(ContentTypes.choose("", "reads.fastq.gz")).isEqualTo("application/gzip");
        assertThat(ContentTypes.choose("nonsense", "x.bam")).isEqualTo("application/octet-stream");
        assertThat(ContentTypes.choose("text/plain\r\nX-Evil: 1", "noext")).isEqualTo("application/octet-stream");
    }
}
