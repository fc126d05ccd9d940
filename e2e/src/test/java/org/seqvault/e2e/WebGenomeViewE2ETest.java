package org.seqvault.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import htsjdk.samtools.BAMIndexer;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.tribble.index.IndexFactory;
import htsjdk.tribble.index.tabix.TabixFormat;
import htsjdk.variant.vcf.VCFCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.genomics.GenomicsFiles;

/**
 * The details panel's genome view (igv.js reading through htsget) in headless Chromium against the
 * real server process on SQLite + local files: web/test/browser/genome.mjs uploads an indexed BAM and
 * a tabix-indexed VCF made with htsjdk through the page, opens a region of each by its `Region` box
 * and `Show region`, and checks where igv drew the reads and the variants. Output: web/target/genome-tests.log.
 */
class WebGenomeViewE2ETest {
    private static final Path WEB = Path.of("..", "web").toAbsolutePath().normalize();
    /** Reads start every 3 bases from chr1:1, so these cover chr1:1-6,049. */
    private static final int READS = 2000;

    @Test
    void anIndexedBamShowsItsRegionInIgv(@TempDir Path dataDir, @TempDir Path files) throws Exception {
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
        assertThat(run(List.of("bash", "scripts/ensure-chromium.sh"), Map.of(), "ensure-chromium.log"))
                .as("Chromium for the browser tests (see web/target/ensure-chromium.log)").isZero();
        try (ServerProcess server = ServerProcess.start(dataDir, "256m", Map.of())) {
            int exit = run(List.of("node", "test/browser/genome.mjs"), Map.of("SEQVAULT_URL", server.url,
                    "SEQVAULT_TOKEN", ServerProcess.ADMIN_TOKEN, "GENOME_BAM", bam.toString(), "GENOME_BAI", bai.toString(),
                    "GENOME_VCF", vcf.toString(), "GENOME_TBI", tbi.toString()),
                    "genome-tests.log");
            String log = Files.readString(WEB.resolve("target/genome-tests.log"), StandardCharsets.UTF_8);
            assertThat(exit).as("browser tests:\n%s", log).isZero();
            assertThat(log).doesNotContain("FAIL").contains("ok   no errors in the console");
        }
    }

    /** Runs a command in web/, its output to web/target/{logName}; returns its exit code. */
    private static int run(List<String> command, Map<String, String> env, String logName)
            throws IOException, InterruptedException {
        Path log = WEB.resolve("target").resolve(logName);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).directory(WEB.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process process = pb.start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in 10 minutes; see " + log);
        }
        return process.exitValue();
    }
}
