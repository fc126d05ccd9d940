package org.seqvault.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IndexNamesTest {
    @Test
    void bamIndexesAreAppendedOrReplacing() {
        assertThat(IndexNames.indexesOf("NA12878.bam")).containsExactly("NA12878.bam.bai", "NA12878.bam.csi", "NA12878.bai");
    }

    @Test
    void cramVcfAndBcfFollowTheirTools() {
        assertThat(IndexNames.indexesOf("s.cram")).containsExactly("s.cram.crai", "s.crai");
        assertThat(IndexNames.indexesOf("calls.vcf.gz")).containsExactly("calls.vcf.gz.tbi", "calls.vcf.gz.csi");
        assertThat(IndexNames.indexesOf("calls.vcf.bgz")).containsExactly("calls.vcf.bgz.tbi", "calls.vcf.bgz.csi");
        assertThat(IndexNames.indexesOf("calls.bcf")).containsExactly("calls.bcf.csi");
    }

    @Test
    void theSuffixIsMatchedWhateverItsCase() {
        assertThat(IndexNames.indexesOf("A.BAM")).containsExactly("A.BAM.bai", "A.BAM.csi", "A.bai");
    }

    @Test
    void otherFilesAndBareSuffixesHaveNoIndex() {
        assertThat(IndexNames.indexesOf("calls.vcf")).isEmpty();
        assertThat(IndexNames.indexesOf("reads.fastq.gz")).isEmpty();
        assertThat(IndexNames.indexesOf("x.bam.bai")).isEmpty();
        assertThat(IndexNames.indexesOf(".bam")).isEmpty();
        assertThat(IndexNames.isIndexable("notes.txt")).isFalse();
        assertThat(IndexNames.isIndexable("x.bam")).isTrue();
    }
}
