package org.seqvault.testkit.genomics;

import htsjdk.samtools.CRAMCRAIIndexer;
import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMFileWriter;
import htsjdk.samtools.SAMFileWriterFactory;
import htsjdk.samtools.SAMReadGroupRecord;
import htsjdk.samtools.SAMRecord;
import htsjdk.samtools.SAMSequenceDictionary;
import htsjdk.samtools.SAMSequenceRecord;
import htsjdk.samtools.seekablestream.SeekableFileStream;
import htsjdk.samtools.util.GZIIndex;
import htsjdk.variant.variantcontext.Allele;
import htsjdk.variant.variantcontext.GenotypeBuilder;
import htsjdk.variant.variantcontext.VariantContextBuilder;
import htsjdk.variant.variantcontext.writer.Options;
import htsjdk.variant.variantcontext.writer.VariantContextWriter;
import htsjdk.variant.variantcontext.writer.VariantContextWriterBuilder;
import htsjdk.variant.vcf.VCFHeader;
import htsjdk.variant.vcf.VCFHeaderLine;
import htsjdk.variant.vcf.VCFStandardHeaderLines;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Real genomics files, written with htsjdk's own writers into a directory, for the header tests
 * (of this module and of the server's API tests): what a sequencer or aligner would hand over.
 */
public final class GenomicsFiles {
    public static final int GRCH38_CHR1 = 248_956_422;
    public static final int GRCH38_CHR2 = 242_193_529;
    public static final int GRCH37_CHR1 = 249_250_621;

    private final Path dir;
    private final Random random = new Random(14);

    public GenomicsFiles(Path dir) {
        this.dir = dir;
    }

    /** A header with two read groups of one sample (NA12878, library lib1, Illumina, two flow-cell lanes). */
    public static SAMFileHeader twoReadGroups(List<SAMSequenceRecord> sequences) {
        SAMFileHeader header = new SAMFileHeader(new SAMSequenceDictionary(sequences));
        header.setSortOrder(SAMFileHeader.SortOrder.coordinate);
        for (String lane : List.of("1", "2")) {
            SAMReadGroupRecord rg = new SAMReadGroupRecord("rg" + lane);
            rg.setSample("NA12878");
            rg.setLibrary("lib1");
            rg.setPlatform("ILLUMINA");
            rg.setPlatformUnit("FC1." + lane);
            header.addReadGroup(rg);
        }
        return header;
    }

    /** A coordinate-sorted BAM on hg38 (chr-prefixed GRCh38 lengths) with {@code reads} reads in two read groups. */
    public Path bam(String name, int reads) {
        SAMFileHeader header = twoReadGroups(List.of(new SAMSequenceRecord("chr1", GRCH38_CHR1),
                new SAMSequenceRecord("chr2", GRCH38_CHR2)));
        Path file = dir.resolve(name);
        try (SAMFileWriter writer = new SAMFileWriterFactory().makeBAMWriter(header, true, file)) {
            writeReads(writer, header, "chr1", reads);
        }
        return file;
    }

    /**
     * A CRAM against a small generated reference ({@code ref.fa} with its index), assembly tag
     * "SeqVaultTest1": 50 reads of 50 bases, every 10 bases from ref1:1, so they cover ref1:1-540.
     */
    public Path cram(String name) throws IOException {
        int length = 2000;
        String bases = randomBases(length);
        Path fasta = fasta("ref.fa", "ref1", bases);
        SAMSequenceRecord ref = new SAMSequenceRecord("ref1", length);
        ref.setAssembly("SeqVaultTest1");
        SAMFileHeader header = twoReadGroups(List.of(ref));
        Path file = dir.resolve(name);
        try (OutputStream out = Files.newOutputStream(file);
             SAMFileWriter writer = new SAMFileWriterFactory().makeCRAMWriter(header, out, fasta)) {
            for (int i = 0; i < 50; i++) {
                SAMRecord r = read(header, "ref1", 1 + i * 10, "rg" + (1 + i % 2));
                r.setReadString(bases.substring(i * 10, i * 10 + 50));
                writer.addAlignment(r);
            }
        }
        return file;
    }

    /** The CRAM's index ({@code name.crai} beside it), written by htsjdk. */
    public Path craiIndex(Path cram) throws IOException {
        Path crai = cram.resolveSibling(cram.getFileName() + ".crai");
        try (SeekableFileStream in = new SeekableFileStream(cram.toFile());
             OutputStream out = Files.newOutputStream(crai)) {
            CRAMCRAIIndexer.writeIndex(in, out);
        }
        return crai;
    }

    /** A FASTA of one contig of {@code length} random bases, with its index ({@code name.fai}) beside it. */
    public Path fasta(String name, String contig, int length) throws IOException {
        return fasta(name, contig, randomBases(length));
    }

    /**
     * {@code fasta} compressed as BGZF ({@code fasta.gz} beside it) with the two indexes
     * {@code samtools faidx} writes for it: {@code .fai} (positions in the uncompressed text, so the
     * plain FASTA's) and {@code .gzi} (where each BGZF block starts).
     */
    public Path bgzippedFasta(Path fasta) throws IOException {
        Path gz = bgzipped(fasta, fasta.getFileName() + ".gz");
        Files.copy(fasta.resolveSibling(fasta.getFileName() + ".fai"), gz.resolveSibling(gz.getFileName() + ".fai"));
        GZIIndex.createIndex(gz, true);
        return gz;
    }

    private Path fasta(String name, String contig, String bases) throws IOException {
        Path fasta = dir.resolve(name);
        int length = bases.length();
        StringBuilder text = new StringBuilder(">" + contig + "\n");
        for (int i = 0; i < length; i += 60) {
            text.append(bases, i, Math.min(length, i + 60)).append('\n');
        }
        Files.writeString(fasta, text, StandardCharsets.US_ASCII);
        // name, length, offset of the first base (after ">contig\n"), bases and bytes per line
        Files.writeString(dir.resolve(name + ".fai"), contig + "\t" + length + "\t" + (contig.length() + 2) + "\t60\t61\n",
                StandardCharsets.US_ASCII);
        return fasta;
    }

    /** A SAM (text) with the same two read groups, on GRCh37 without chr prefixes. */
    public Path sam(String name) {
        SAMFileHeader header = twoReadGroups(List.of(new SAMSequenceRecord("1", GRCH37_CHR1)));
        Path file = dir.resolve(name);
        try (SAMFileWriter writer = new SAMFileWriterFactory().makeSAMWriter(header, true, file)) {
            writeReads(writer, header, "1", 10);
        }
        return file;
    }

    /** A bgzipped VCF ({@code .vcf.gz}) or a BCF ({@code .bcf}) of {@code samples}, on GRCh37 ("1") or hg19 ("chr1"). */
    public Path variants(String name, List<String> samples, String chromosome) {
        SAMSequenceDictionary dictionary = new SAMSequenceDictionary(List.of(new SAMSequenceRecord(chromosome, GRCH37_CHR1)));
        Path file = dir.resolve(name);
        Set<VCFHeaderLine> lines = new LinkedHashSet<>();
        lines.add(VCFStandardHeaderLines.getFormatLine("GT"));
        VCFHeader header = new VCFHeader(lines, samples);
        header.setSequenceDictionary(dictionary);
        try (VariantContextWriter writer = new VariantContextWriterBuilder().setOutputPath(file)
                .setReferenceDictionary(dictionary).unsetOption(Options.INDEX_ON_THE_FLY).build()) {
            writer.writeHeader(header);
            Allele ref = Allele.create("A", true);
            Allele alt = Allele.create("T");
            for (int pos = 100; pos < 1100; pos += 100) {
                VariantContextBuilder vc = new VariantContextBuilder("test", chromosome, pos, pos, List.of(ref, alt));
                vc.genotypes(samples.stream().map(s -> new GenotypeBuilder(s, List.of(ref, alt)).make()).toList());
                writer.add(vc.make());
            }
        }
        return file;
    }

    /**
     * A gzipped FASTQ of {@code reads} Illumina reads of mate {@code mate} (read names carry the
     * {@code mate:N:0:barcode} comment), with qualities Phred+{@code offset}.
     */
    public Path fastqGz(String name, int mate, int reads, int offset) throws IOException {
        Path file = dir.resolve(name);
        try (Writer out = new java.io.OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)),
                StandardCharsets.US_ASCII)) {
            for (int i = 0; i < reads; i++) {
                out.write("@M0001:7:FC1:1:1101:" + (1000 + i) + ":2000 " + mate + ":N:0:ACGTAC\n");
                out.write(randomBases(100) + "\n+\n");
                StringBuilder q = new StringBuilder();
                for (int j = 0; j < 100; j++) {
                    q.append((char) (offset + 2 + random.nextInt(39)));
                }
                out.write(q + "\n");
            }
        }
        return file;
    }

    /** A text file that is not what its name says. */
    public Path text(String name) throws IOException {
        return Files.writeString(dir.resolve(name), "this is a note about the run, not a variant file\nline two\n");
    }

    /** {@code file} compressed as BGZF, as a new file. */
    public Path bgzipped(Path file, String name) throws IOException {
        Path out = dir.resolve(name);
        try (OutputStream bgzf = new htsjdk.samtools.util.BlockCompressedOutputStream(out.toFile())) {
            Files.copy(file, bgzf);
        }
        return out;
    }

    /** The first {@code bytes} bytes of {@code file}, as a new file: a transfer cut short. */
    public Path truncated(Path file, String name, int bytes) throws IOException {
        byte[] all = Files.readAllBytes(file);
        return Files.write(dir.resolve(name), java.util.Arrays.copyOf(all, Math.min(bytes, all.length)));
    }

    private void writeReads(SAMFileWriter writer, SAMFileHeader header, String contig, int reads) {
        for (int i = 0; i < reads; i++) {
            writer.addAlignment(read(header, contig, 1 + i * 3, "rg" + (1 + i % 2)));
        }
    }

    private SAMRecord read(SAMFileHeader header, String contig, int start, String readGroup) {
        SAMRecord r = new SAMRecord(header);
        r.setReadName("read" + start);
        r.setReferenceName(contig);
        r.setAlignmentStart(start);
        r.setMappingQuality(60);
        r.setCigarString("50M");
        r.setReadString(randomBases(50));
        StringBuilder q = new StringBuilder();
        for (int j = 0; j < 50; j++) {
            q.append((char) ('#' + random.nextInt(39)));
        }
        r.setBaseQualityString(q.toString());
        r.setAttribute("RG", readGroup);
        return r;
    }

    private String randomBases(int n) {
        char[] c = new char[n];
        for (int i = 0; i < n; i++) {
            c[i] = "ACGT".charAt(random.nextInt(4));
        }
        return new String(c);
    }

}
