package org.seqvault.server.api;

import htsjdk.samtools.CRAMCRAIIndexer;
import htsjdk.samtools.CRAMFileWriter;
import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.cram.ref.ReferenceSource;
import htsjdk.samtools.cram.structure.CRAMEncodingStrategy;
import htsjdk.samtools.reference.FastaSequenceIndexCreator;
import htsjdk.samtools.seekablestream.SeekableFileStream;
import htsjdk.samtools.util.BlockCompressedOutputStream;
import htsjdk.variant.variantcontext.Allele;
import htsjdk.variant.variantcontext.VariantContext;
import htsjdk.variant.variantcontext.VariantContextBuilder;
import htsjdk.variant.variantcontext.writer.Options;
import htsjdk.variant.variantcontext.writer.VariantContextWriter;
import htsjdk.variant.variantcontext.writer.VariantContextWriterBuilder;
import htsjdk.variant.vcf.VCFHeader;
import htsjdk.variant.vcf.VCFHeaderLine;
import htsjdk.variant.vcf.VCFHeaderLineType;
import htsjdk.variant.vcf.VCFInfoHeaderLine;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;

/**
 * BAM, CRAM, bgzipped VCF and BCF files written by htsjdk for the htsget tests, with their indexes:
 * thousands of records over several contigs, some spanning long stretches (spliced reads, long
 * deletions), unmapped reads placed at their mate and unplaced ones, and a header longer than one
 * BGZF block (64 KiB). The BCF holds the VCF's variants (so the VCF's indexed query is its expected
 * answer too: htsjdk neither writes nor reads a CSI of a BCF). Same seed, same files.
 */
final class GenomicTestFiles {
    /** Contig names and lengths: small enough to write quickly, long enough for many 16 kb index windows. */
    static final List<SAMSequenceRecord> CONTIGS = List.of(
            new SAMSequenceRecord("chr1", 1_200_000), new SAMSequenceRecord("chr2", 600_000),
            new SAMSequenceRecord("chr3", 300_000), new SAMSequenceRecord("chrM", 16_569));
    static final int HEADER_COMMENTS = 2_000;

    final Path dir;
    final Path fasta;
    final Path bam;
    final Path cram;
    final Path vcf;
    final Path bcf;

    private GenomicTestFiles(Path dir) {
        this.dir = dir;
        this.fasta = dir.resolve("ref.fa");
        this.bam = dir.resolve("reads.bam");
        this.cram = dir.resolve("reads.cram");
        this.vcf = dir.resolve("calls.vcf.gz");
        this.bcf = dir.resolve("calls.bcf");
    }

    static GenomicTestFiles write(Path dir, long seed) {
        try {
            Files.createDirectories(dir);
            GenomicTestFiles f = new GenomicTestFiles(dir);
            f.writeReference(new Random(seed));
            List<SAMRecord> reads = reads(new Random(seed + 1));
            f.writeBam(reads);
            f.writeCram(reads);
            List<VariantContext> variants = variants(new Random(seed + 2));
            f.writeVariants(f.vcf, VariantContextWriterBuilder.OutputType.BLOCK_COMPRESSED_VCF, variants);
            // htsjdk writes BCF uncompressed; bcftools (and so every BCF one meets) compresses it with BGZF.
            Path plainBcf = f.uncompressedBcf();
            f.writeVariants(plainBcf, VariantContextWriterBuilder.OutputType.BCF, variants);
            try (OutputStream out = new BlockCompressedOutputStream(Files.newOutputStream(f.bcf), (Path) null)) {
                Files.copy(plainBcf, out);
            }
            TestCsi.write(f.bcf, dir.resolve("calls.bcf.csi"));
            // The same BAM again, indexed by a CSI instead of a BAI.
            Files.copy(f.bam, f.csiBam());
            TestCsi.write(f.csiBam(), f.csiBam().resolveSibling("reads-csi.bam.csi"), true);
            // And the VCF, indexed by a CSI instead of a tabix index.
            Files.copy(f.vcf, f.csiVcf());
            TestCsi.writeVcf(f.csiVcf(), f.csiVcf().resolveSibling("calls-csi.vcf.gz.csi"));
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path bai() {
        return dir.resolve("reads.bam.bai");
    }

    /** A copy of the BAM, named so that only its CSI ({@code reads-csi.bam.csi}) is linked to it. */
    Path csiBam() {
        return dir.resolve("reads-csi.bam");
    }

    /** A copy of the VCF, named so that only its CSI ({@code calls-csi.vcf.gz.csi}) is linked to it. */
    Path csiVcf() {
        return dir.resolve("calls-csi.vcf.gz");
    }

    Path crai() {
        return dir.resolve("reads.cram.crai");
    }

    Path tbi() {
        return dir.resolve("calls.vcf.gz.tbi");
    }

    /** The BCF as htsjdk wrote it, before compression: what htsjdk can read back. */
    Path uncompressedBcf() {
        return dir.resolve("calls.uncompressed.bcf");
    }

    Path csi() {
        return dir.resolve("calls.bcf.csi");
    }


    static SAMFileHeader header() {
        SAMFileHeader h = new SAMFileHeader();
        h.setSequenceDictionary(new SAMSequenceDictionary(CONTIGS));
        h.setSortOrder(SAMFileHeader.SortOrder.coordinate);
        for (int i = 0; i < HEADER_COMMENTS; i++) {
            h.addComment("comment " + i + " making the header longer than one BGZF block: " + "x".repeat(40));
        }
        return h;
    }

    private void writeReference(Random random) throws IOException {
        try (Writer w = Files.newBufferedWriter(fasta)) {
            for (SAMSequenceRecord c : CONTIGS) {
                w.write(">" + c.getSequenceName() + "\n");
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < c.getSequenceLength(); i++) {
                    line.append("ACGT".charAt(random.nextInt(4)));
                    if (line.length() == 60) {
                        w.write(line.append('\n').toString());
                        line.setLength(0);
                    }
                }
                if (!line.isEmpty()) {
                    w.write(line.append('\n').toString());
                }
            }
        }
        FastaSequenceIndexCreator.create(fasta, true);
    }

    /** Reads sorted by coordinate, then the unplaced ones; names are unique. */
    static List<SAMRecord> reads(Random random) {
        SAMFileHeader h = header();
        List<SAMRecord> reads = new ArrayList<>();
        int n = 0;
        int[] counts = {5_000, 2_500, 1_200, 300};
        for (int ref = 0; ref < CONTIGS.size(); ref++) {
            int length = CONTIGS.get(ref).getSequenceLength();
            for (int i = 0; i < counts[ref]; i++) {
                SAMRecord r = new SAMRecord(h);
                r.setReadName("r" + (n++));
                r.setReferenceIndex(ref);
                int kind = random.nextInt(100);
                // spliced, long span (within the contig)
                String cigar = kind < 3 ? "50M" + Math.min(2_000 + random.nextInt(60_000), length / 2) + "N50M"
                        : kind < 8 ? "40M" + (1 + random.nextInt(20)) + "D60M" : "100M";
                int span = new htsjdk.samtools.TextCigarCodec().decode(cigar).getReferenceLength();
                r.setAlignmentStart(1 + random.nextInt(Math.max(1, length - span)));
                if (kind >= 97) {
                    r.setReadUnmappedFlag(true); // placed at its mate's position
                    r.setCigarString("*");
                    r.setMappingQuality(0);
                } else {
                    r.setCigarString(cigar);
                    r.setMappingQuality(60);
                }
                r.setReadBases(bases(random, 100));
                r.setBaseQualities(quals(random, 100));
                reads.add(r);
            }
        }
        reads.sort(Comparator.comparingInt(SAMRecord::getReferenceIndex).thenComparingInt(SAMRecord::getAlignmentStart)
                .thenComparing(SAMRecord::getReadName));
        for (int i = 0; i < 400; i++) {
            SAMRecord r = new SAMRecord(h);
            r.setReadName("u" + i);
            r.setReadUnmappedFlag(true);
            r.setReadBases(bases(random, 100));
            r.setBaseQualities(quals(random, 100));
            reads.add(r);
        }
        return reads;
    }

    private void writeBam(List<SAMRecord> reads) throws IOException {
        try (SAMFileWriter w = new SAMFileWriterFactory().setCreateIndex(true).makeBAMWriter(header(), true, bam)) {
            reads.forEach(w::addAlignment);
        }
        Files.move(dir.resolve("reads.bai"), bai());
    }

    private void writeCram(List<SAMRecord> reads) throws IOException {
        // Small slices, two to a container, and a minimum that makes the ends of contigs share
        // multi-reference slices: a region meets many containers, and cuts both kinds of slice.
        CRAMEncodingStrategy strategy = new CRAMEncodingStrategy().setMinimumSingleReferenceSliceSize(250)
                .setReadsPerSlice(400).setSlicesPerContainer(2);
        try (OutputStream out = Files.newOutputStream(cram)) {
            CRAMFileWriter w = new CRAMFileWriter(strategy, out, null, true, new ReferenceSource(fasta), header(),
                    cram.toString());
            for (int i = 0; i < reads.size(); i++) {
                w.addAlignment(withTags(reads.get(i), i));
            }
            w.close();
        }
        try (SeekableFileStream in = new SeekableFileStream(cram.toFile());
             OutputStream out = Files.newOutputStream(crai())) {
            CRAMCRAIIndexer.writeIndex(in, out);
        }
    }

    /**
     * A copy of a read with tags for the CRAM (the BAM's bytes stay as the golden ticket has them):
     * three different tag lists, so a cut container's records point into a tag dictionary.
     */
    private static SAMRecord withTags(SAMRecord read, int i) {
        SAMRecord copy = read.deepCopy();
        switch (i % 3) {
            case 1 -> copy.setAttribute("XN", i % 7);
            case 2 -> {
                copy.setAttribute("XS", "s" + i);
                copy.setAttribute("XA", i % 100);
            }
            default -> {
                // no tags
            }
        }
        return copy;
    }

    /** Sorted variants with unique ids: SNVs, deletions and symbolic deletions with an END far away. */
    static List<VariantContext> variants(Random random) {
        List<VariantContext> out = new ArrayList<>();
        int n = 0;
        int[] counts = {2_500, 1_200, 600, 50};
        for (int ref = 0; ref < CONTIGS.size(); ref++) {
            String contig = CONTIGS.get(ref).getSequenceName();
            int length = CONTIGS.get(ref).getSequenceLength();
            HashSet<Integer> used = new HashSet<>();
            List<VariantContext> contigVariants = new ArrayList<>();
            for (int i = 0; i < counts[ref]; i++) {
                int pos = 1 + random.nextInt(length - 100);
                if (!used.add(pos)) {
                    continue;
                }
                int kind = random.nextInt(100);
                VariantContextBuilder b = new VariantContextBuilder("test", contig, pos, pos, List.of());
                if (kind < 3) {
                    int end = Math.min(length, pos + 1_000 + random.nextInt(40_000));
                    b.alleles(List.of(Allele.create("A", true), Allele.create("<DEL>", false))).stop(end)
                            .attribute("END", end);
                } else if (kind < 10) {
                    String refBases = "A" + "C".repeat(1 + random.nextInt(30));
                    b.alleles(List.of(Allele.create(refBases, true), Allele.create("A", false)))
                            .stop(pos + refBases.length() - 1);
                } else {
                    b.alleles(List.of(Allele.create("A", true), Allele.create("G", false)));
                }
                contigVariants.add(b.id("v" + (n++)).make());
            }
            contigVariants.sort(Comparator.comparingInt(VariantContext::getStart));
            out.addAll(contigVariants);
        }
        return out;
    }

    /** The variants' header also names {@code chrUn}, which has no variants (so no tabix entry). */
    private void writeVariants(Path path, VariantContextWriterBuilder.OutputType type, List<VariantContext> variants) {
        List<SAMSequenceRecord> contigs = new ArrayList<>(CONTIGS);
        contigs.add(new SAMSequenceRecord("chrUn", 5_000));
        SAMSequenceDictionary dict = new SAMSequenceDictionary(contigs);
        try (VariantContextWriter w = new VariantContextWriterBuilder().setOutputFile(path.toFile())
                .setOutputFileType(type).setReferenceDictionary(dict).setOption(Options.INDEX_ON_THE_FLY)
                .build()) {
            VCFHeader header = new VCFHeader();
            header.addMetaDataLine(new VCFInfoHeaderLine("END", 1, VCFHeaderLineType.Integer, "End position"));
            for (int i = 0; i < HEADER_COMMENTS; i++) {
                header.addMetaDataLine(new VCFHeaderLine("comment" + i, "making the header longer than one block "
                        + "x".repeat(40)));
            }
            header.setSequenceDictionary(dict);
            w.writeHeader(header);
            variants.forEach(w::add);
        }
    }

    private static byte[] bases(Random random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) "ACGT".charAt(random.nextInt(4));
        }
        return b;
    }

    private static byte[] quals(Random random, int n) {
        byte[] q = new byte[n];
        for (int i = 0; i < n; i++) {
            q[i] = (byte) (20 + random.nextInt(20));
        }
        return q;
    }
}
