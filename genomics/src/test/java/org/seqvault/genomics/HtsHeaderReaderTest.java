package org.seqvault.genomics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.service.extract.HeaderFormat;
import org.seqvault.service.extract.HeaderReader.Reading;
import org.seqvault.testkit.genomics.GenomicsFiles;

class HtsHeaderReaderTest {
    @TempDir
    Path dir;

    private final HtsHeaderReader reader = new HtsHeaderReader();

    private Reading read(Path file) throws IOException {
        String name = file.getFileName().toString();
        try (FileBlob blob = new FileBlob(file)) {
            Reading reading = reader.read(HeaderFormat.of(name).orElseThrow(), name, blob);
            assertThat(reading.bytesRead()).isEqualTo(blob.bytesRead());
            return reading;
        }
    }

    private Map<String, String> found(Path file) throws IOException {
        Reading reading = read(file);
        assertThat(reading).isInstanceOf(Reading.Found.class);
        return ((Reading.Found) reading).metadata();
    }

    @Test
    void coordinateSortedBamWithTwoReadGroups() throws IOException {
        Path bam = new GenomicsFiles(dir).bam("NA12878.bam", 200);
        assertThat(found(bam)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sample_id", "NA12878", "library_id", "lib1", "platform", "Illumina",
                "reference_genome", "hg38", "quality_scale", "sanger", "sort_order", "coordinate",
                "read_group_count", "2", "sample_count", "1"));
    }

    @Test
    void cramReadsWithoutItsReferenceAndNamesTheAssemblyTag() throws IOException {
        Path cram = new GenomicsFiles(dir).cram("NA12878.cram");
        assertThat(found(cram)).containsEntry("sample_id", "NA12878").containsEntry("library_id", "lib1")
                .containsEntry("platform", "Illumina").containsEntry("reference_genome", "SeqVaultTest1")
                .containsEntry("quality_scale", "sanger").doesNotContainKey("platform_unit_id");
    }

    @Test
    void samOnGrch37WithoutChrPrefixes() throws IOException {
        Path sam = new GenomicsFiles(dir).sam("aln.sam");
        assertThat(found(sam)).containsEntry("reference_genome", "GRCh37").containsEntry("sample_id", "NA12878");
    }

    @Test
    void singleSampleVcfGzNamesItsSample() throws IOException {
        Path vcf = new GenomicsFiles(dir).variants("one.vcf.gz", List.of("HG002"), "1");
        assertThat(found(vcf)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sample_id", "HG002", "sample_count", "1", "reference_genome", "GRCh37"));
    }

    @Test
    void multiSampleVcfGzCountsItsSamplesAndNamesNone() throws IOException {
        Path vcf = new GenomicsFiles(dir).variants("trio.vcf.gz", List.of("HG002", "HG003", "HG004"), "chr1");
        assertThat(found(vcf)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sample_count", "3", "reference_genome", "hg19"));
    }

    @Test
    void bcfPlainAsHtsjdkWritesItAndBgzippedAsBcftoolsDoes() throws IOException {
        GenomicsFiles files = new GenomicsFiles(dir);
        Path bcf = files.variants("one.bcf", List.of("HG002"), "chr1");
        Map<String, String> expected = Map.of("sample_id", "HG002", "sample_count", "1", "reference_genome", "hg19");
        assertThat(found(bcf)).containsExactlyInAnyOrderEntriesOf(expected);
        assertThat(found(files.bgzipped(bcf, "bgzf.bcf"))).containsExactlyInAnyOrderEntriesOf(expected);
    }

    @Test
    void pairedFastqGzGiveTheirMateSegmentAndQualityScale() throws IOException {
        GenomicsFiles files = new GenomicsFiles(dir);
        assertThat(found(files.fastqGz("S1_L001_R1_001.fastq.gz", 1, 50, 33))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "paired_end", "1", "file_segment_number", "1", "quality_scale", "sanger"));
        assertThat(found(files.fastqGz("S1_L001_R2_001.fastq.gz", 2, 50, 33))).containsEntry("paired_end", "2");
        assertThat(found(files.fastqGz("old_2.fq.gz", 2, 50, 64))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "paired_end", "2", "quality_scale", "illumina15"));
    }

    @Test
    void theMateInTheReadNamesWinsOverTheFileName() throws IOException {
        // Mate 2's reads in a file whose name says R1: the reads are what the file holds.
        Path fastq = new GenomicsFiles(dir).fastqGz("S1_R1.fastq.gz", 2, 5, 33);
        assertThat(found(fastq)).containsEntry("paired_end", "2").doesNotContainKey("file_segment_number");
    }

    @Test
    void truncatedBamIsUnreadable() throws IOException {
        GenomicsFiles files = new GenomicsFiles(dir);
        Path cut = files.truncated(files.bam("full.bam", 10), "cut.bam", 60);
        assertThat(read(cut)).isEqualTo(new Reading.Unreadable("unreadable: truncated BGZF block", 60));
    }

    @Test
    void textNamedLikeAVcfIsUnreadable() throws IOException {
        Reading reading = read(new GenomicsFiles(dir).text("notes.vcf"));
        assertThat(reading).isInstanceOf(Reading.Unreadable.class);
        assertThat(((Reading.Unreadable) reading).status()).startsWith("unreadable: VCF header:");
    }

    @Test
    void textNamedLikeABamOrAFastqIsUnreadable() throws IOException {
        GenomicsFiles files = new GenomicsFiles(dir);
        assertThat(((Reading.Unreadable) read(files.text("notes.bam"))).status()).startsWith("unreadable: ");
        assertThat(((Reading.Unreadable) read(files.text("notes.fastq"))).status()).startsWith("unreadable: ");
        assertThat(((Reading.Unreadable) read(files.text("notes.sam"))).status())
                .isEqualTo("unreadable: SAM header: no SAM header lines (a SAM header starts with '@')");
    }

    @Test
    void aHeaderPastTheCapIsTooLargeAndReadsNoMoreThanTheCap() throws IOException {
        Path bam = new GenomicsFiles(dir).bam("big.bam", 20_000);
        try (FileBlob blob = new FileBlob(bam)) {
            // A cap smaller than the header's first BGZF block: the header cannot be read within it.
            Reading reading = new HtsHeaderReader(100).read(HeaderFormat.BAM, "big.bam", blob);
            assertThat(reading).isEqualTo(new Reading.Unreadable("header_too_large", 100));
            assertThat(blob.bytesRead()).isEqualTo(100);
        }
    }

    @Test
    void aBamHeaderCostsOneSmallReadWhateverTheFileSize() throws IOException {
        Path bam = new GenomicsFiles(dir).bam("big.bam", 100_000);
        try (FileBlob blob = new FileBlob(bam)) {
            assertThat(reader.read(HeaderFormat.BAM, "big.bam", blob)).isInstanceOf(Reading.Found.class);
            assertThat(blob.reads()).isEqualTo(1);
            assertThat(blob.bytesRead()).isEqualTo(HeaderBytes.FIRST_WINDOW);
            assertThat(Files.size(bam)).isGreaterThan(50L * HeaderBytes.FIRST_WINDOW);
        }
    }
}
