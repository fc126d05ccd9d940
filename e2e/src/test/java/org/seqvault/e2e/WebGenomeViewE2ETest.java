package org.seqvault.e2e;

import htsjdk.samtools.BAMIndexer;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.tribble.index.IndexFactory;
import htsjdk.tribble.index.tabix.TabixFormat;
import htsjdk.variant.vcf.VCFCodec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.genomics.GenomicsFiles;

/**
 * The details panel's genome view (igv.js reading through htsget) in headless Chromium against the
 * real server process on SQLite + local files: web/test/browser/genome.mjs uploads an indexed BAM and
 * a tabix-indexed VCF made with htsjdk through the page, opens a region of each by its `Region` box
 * and `Show region`, and checks where igv drew the reads and the variants. Then an indexed CRAM with
 * its reference FASTA (and a FASTA of other lengths, which is refused): igv reads them by presigned
 * URLs. Output: web/target/genome-tests.log.
 */
class WebGenomeViewE2ETest {
    /** Reads start every 3 bases from chr1:1, so these cover chr1:1-6,049. */
    private static final int READS = 2000;

    @Test
    void indexedBamVcfAndCramShowTheirRegionsInIgv(@TempDir Path dataDir, @TempDir Path files) throws Exception {
        GenomicsFiles genomics = new GenomicsFiles(files);
        Path bam = genomics.bam("NA12878.bam", READS);
        Path bai = files.resolve("NA12878.bam.bai");
        try (SamReader reader = SamReaderFactory.makeDefault()
                .enable(SamReaderFactory.Option.INCLUDE_SOURCE_IN_RECORDS).open(bam)) {
            BAMIndexer.createIndex(reader, bai.toFile());
        }
        Path vcf = genomics.variants("calls.vcf.gz", List.of("NA12878"), "chr1");
        Path tbi = files.resolve("calls.vcf.gz.tbi");
        IndexFactory.createTabixIndex(vcf.toFile(), new VCFCodec(), TabixFormat.VCF, null).write(tbi);
        // ref.fa (ref1, 2,000 bases) and its .fai come with the CRAM; other.fa has ref1 at 1,500 bases.
        Path cram = genomics.cram("NA12878.cram");
        Path crai = genomics.craiIndex(cram);
        Path otherFasta = genomics.fasta("other.fa", "ref1", 1500);
        genomics.bgzippedFasta(files.resolve("ref.fa")); // ref.fa.gz, with its .fai and .gzi
        BrowserScripts.ensureChromium();
        try (ServerProcess server = ServerProcess.start(dataDir, "256m", Map.of())) {
            BrowserScripts.runPassing("test/browser/genome.mjs", Map.of("SEQVAULT_URL", server.url,
                    "SEQVAULT_TOKEN", ServerProcess.ADMIN_TOKEN, "GENOME_BAM", bam.toString(),
                    "GENOME_BAI", bai.toString(), "GENOME_VCF", vcf.toString(), "GENOME_TBI", tbi.toString(),
                    "GENOME_CRAM", cram.toString(), "GENOME_CRAI", crai.toString(),
                    "GENOME_FASTA", files.resolve("ref.fa").toString(), "GENOME_OTHER_FASTA", otherFasta.toString()),
                    "genome-tests.log", "no errors in the console");
        }
    }
}
