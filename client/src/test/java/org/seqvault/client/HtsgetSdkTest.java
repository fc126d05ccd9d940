package org.seqvault.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.testkit.TestServer;

/** {@link Htsget} against the real server: a region's stream is a BAM of exactly the region's reads. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class HtsgetSdkTest {
    @TempDir
    static Path tmp;
    static TestServer server;
    static SeqVault sv;
    static Path bam;
    static RemoteFile remote;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(Files.createDirectories(tmp.resolve("data")));
        sv = SeqVault.connect(server.url(), server.userToken("hana"));
        bam = writeBam(Files.createDirectories(tmp.resolve("local")).resolve("sample.bam"), new Random(7));
        Project p = sv.projects().create("Regions");
        remote = sv.transfers().upload(bam, p.rootFolder(), UploadOptions.defaults());
        sv.transfers().upload(bam.resolveSibling("sample.bam.bai"), p.rootFolder(), UploadOptions.defaults());
    }

    @AfterAll
    static void stop() {
        if (sv != null) {
            sv.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aRegionStreamsAsABamOfExactlyItsReads() throws Exception {
        for (String region : List.of("chr1:20,001-45,000", "chr2", "chr2:90000", "chr1:1-1")) {
            Path got = tmp.resolve("region.bam");
            try (InputStream in = sv.htsget().open(remote, GenomicRegion.parse(region))) {
                Files.copy(in, got, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            GenomicRegion r = GenomicRegion.parse(region);
            try (SamReader local = reader(bam)) {
                List<String> expected = sam(local.queryOverlapping(r.reference(), r.first() == null ? 1 : r.first().intValue(),
                        r.last() == null ? 0 : r.last().intValue()));
                assertThat(sam(reader(got).iterator())).as(region).isEqualTo(expected);
            }
        }
    }

    @Test
    void theHeaderAloneAndErrorsInHtsgetFormAreTyped() throws Exception {
        Path header = tmp.resolve("header.bam");
        try (InputStream in = sv.htsget().header(remote)) {
            Files.copy(in, header, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (SamReader got = reader(header); SamReader local = reader(bam)) {
            assertThat(got.getFileHeader()).isEqualTo(local.getFileHeader());
            assertThat(got.iterator().hasNext()).isFalse();
        }
        assertThatThrownBy(() -> sv.htsget().open(remote, GenomicRegion.parse("chrZ:1-100")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("reference 'chrZ' is not in 'sample.bam'");
        assertThat(GenomicRegion.parse("chr1:1,000-2,000")).isEqualTo(new GenomicRegion("chr1", 1000L, 2000L));
        assertThat(GenomicRegion.parse("{HLA-A*01:01}")).isEqualTo(new GenomicRegion("HLA-A*01:01", null, null));
        assertThat(GenomicRegion.parse("{HLA-A*01:01}:5-9")).isEqualTo(new GenomicRegion("HLA-A*01:01", 5L, 9L));
        assertThat(GenomicRegion.parse("chrM:100")).isEqualTo(new GenomicRegion("chrM", 100L, null));
        assertThatThrownBy(() -> GenomicRegion.parse("chr1:2000-1000")).isInstanceOf(IllegalArgumentException.class);
    }

    static SamReader reader(Path path) {
        return SamReaderFactory.makeDefault().validationStringency(ValidationStringency.SILENT).open(path);
    }

    static List<String> sam(SAMRecordIterator it) {
        try (it) {
            List<String> out = new ArrayList<>();
            it.forEachRemaining(r -> out.add(r.getSAMString()));
            return out;
        }
    }

    /** A coordinate-sorted BAM of two contigs and its index ({@code sample.bam.bai}). */
    static Path writeBam(Path path, Random random) throws Exception {
        SAMFileHeader h = new SAMFileHeader();
        h.setSequenceDictionary(new SAMSequenceDictionary(List.of(new SAMSequenceRecord("chr1", 200_000),
                new SAMSequenceRecord("chr2", 100_000))));
        h.setSortOrder(SAMFileHeader.SortOrder.coordinate);
        List<SAMRecord> reads = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            SAMRecord r = new SAMRecord(h);
            r.setReadName("r" + i);
            int ref = random.nextInt(2);
            r.setReferenceIndex(ref);
            r.setAlignmentStart(1 + random.nextInt(ref == 0 ? 199_800 : 99_800));
            r.setCigarString(random.nextInt(20) == 0 ? "50M3000N50M" : "100M");
            r.setMappingQuality(60);
            r.setReadString("ACGT".repeat(25));
            r.setBaseQualityString("I".repeat(100));
            reads.add(r);
        }
        reads.sort(java.util.Comparator.comparingInt(SAMRecord::getReferenceIndex)
                .thenComparingInt(SAMRecord::getAlignmentStart).thenComparing(SAMRecord::getReadName));
        try (SAMFileWriter w = new SAMFileWriterFactory().setCreateIndex(true).makeBAMWriter(h, true, path)) {
            reads.forEach(w::addAlignment);
        }
        Files.move(path.resolveSibling("sample.bai"), path.resolveSibling("sample.bam.bai"));
        return path;
    }
}
