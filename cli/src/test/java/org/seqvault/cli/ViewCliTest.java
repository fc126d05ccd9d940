package org.seqvault.cli;

import static org.assertj.core.api.Assertions.assertThat;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMRecordIterator;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.SamReader;
import htsjdk.samtools.SamReaderFactory;
import htsjdk.samtools.ValidationStringency;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.cli.CliRunner.Result;
import org.seqvault.testkit.TestServer;

/** {@code seqvault view} against the real server process: a region written as a BAM holds exactly its reads. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ViewCliTest {
    @TempDir
    Path tmp;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRegionIsWrittenAsABamOfExactlyItsReadsAndAMissingIndexIsNamed() throws Exception {
        server = TestServer.start(Files.createDirectories(tmp.resolve("data")));
        CliRunner cli = new CliRunner(Map.of("HOME", tmp.toString(), "SEQVAULT_URL", server.url(),
                "SEQVAULT_TOKEN", server.userToken("ines")));
        String p = ok(cli, "projects", "create", "View tour").out().strip();
        Path local = Files.createDirectories(tmp.resolve("local"));
        Path bam = writeBam(local.resolve("sample.bam"));
        ok(cli, "mkdir", p + "/bam", p + "/alone");
        ok(cli, "upload", bam.toString(), local.resolve("sample.bam.bai").toString(), p + "/bam");

        Path out = tmp.resolve("region.bam");
        ok(cli, "view", p + "/bam/sample.bam", "chr1:50000-80000", "-o", out.toString());
        try (SamReader got = reader(out); SamReader all = reader(bam)) {
            List<String> expected = sam(all.queryOverlapping("chr1", 50_000, 80_000));
            assertThat(expected).isNotEmpty();
            assertThat(sam(got.iterator())).isEqualTo(expected);
        }

        Path header = tmp.resolve("header.bam");
        ok(cli, "view", "-H", p + "/bam/sample.bam", "-o", header.toString());
        try (SamReader got = reader(header)) {
            assertThat(got.getFileHeader().getSequenceDictionary().size()).isEqualTo(2);
            assertThat(got.iterator().hasNext()).isFalse();
        }

        ok(cli, "upload", bam.toString(), p + "/alone");
        Result refused = cli.run("view", p + "/alone/sample.bam", "chr1:1-100", "-o", tmp.resolve("x.bam").toString());
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(Main.FAILED);
        assertThat(refused.err()).contains("has no index").contains("sample.bam.bai");
        assertThat(tmp.resolve("x.bam")).doesNotExist();
    }

    private static Result ok(CliRunner cli, String... args) {
        Result r = cli.run(args);
        assertThat(r.exit()).as(r.toString()).isZero();
        return r;
    }

    private static SamReader reader(Path path) {
        return SamReaderFactory.makeDefault().validationStringency(ValidationStringency.SILENT).open(path);
    }

    private static List<String> sam(SAMRecordIterator it) {
        try (it) {
            List<String> out = new ArrayList<>();
            it.forEachRemaining(r -> out.add(r.getSAMString()));
            return out;
        }
    }

    /** A coordinate-sorted BAM of two contigs, with its index beside it as {@code sample.bam.bai}. */
    private static Path writeBam(Path path) throws Exception {
        Random random = new Random(11);
        SAMFileHeader h = new SAMFileHeader();
        h.setSequenceDictionary(new SAMSequenceDictionary(List.of(new SAMSequenceRecord("chr1", 200_000),
                new SAMSequenceRecord("chr2", 100_000))));
        h.setSortOrder(SAMFileHeader.SortOrder.coordinate);
        List<SAMRecord> reads = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            SAMRecord r = new SAMRecord(h);
            r.setReadName("r" + i);
            int ref = random.nextInt(2);
            r.setReferenceIndex(ref);
            r.setAlignmentStart(1 + random.nextInt(ref == 0 ? 199_800 : 99_800));
            r.setCigarString("100M");
            r.setMappingQuality(60);
            r.setReadString("ACGT".repeat(25));
            r.setBaseQualityString("I".repeat(100));
            reads.add(r);
        }
        reads.sort(Comparator.comparingInt(SAMRecord::getReferenceIndex).thenComparingInt(SAMRecord::getAlignmentStart)
                .thenComparing(SAMRecord::getReadName));
        try (SAMFileWriter w = new SAMFileWriterFactory().setCreateIndex(true).makeBAMWriter(h, true, path)) {
            reads.forEach(w::addAlignment);
        }
        Files.move(path.resolveSibling("sample.bai"), path.resolveSibling("sample.bam.bai"));
        return path;
    }
}
