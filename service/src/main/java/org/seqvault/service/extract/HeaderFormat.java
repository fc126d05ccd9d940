package org.seqvault.service.extract;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The file formats whose headers SeqVault reads, recognised by the file's name (the bytes decide
 * whether it really is one: a text file named {@code .vcf} ends with an "unreadable" status).
 * Plain or compressed: a VCF or FASTQ may be gzipped or bgzipped, BAM and BCF are always BGZF.
 */
public enum HeaderFormat {
    BAM(".bam"),
    CRAM(".cram"),
    SAM(".sam"),
    VCF(".vcf", ".vcf.gz", ".vcf.bgz"),
    BCF(".bcf"),
    FASTQ(".fastq", ".fq", ".fastq.gz", ".fq.gz");

    private final List<String> suffixes;

    HeaderFormat(String... suffixes) {
        this.suffixes = List.of(suffixes);
    }

    /** The name endings (lower case) that make a file this format. */
    public List<String> suffixes() {
        return suffixes;
    }

    /** The format a file name says, by its ending (any case); empty for a name SeqVault does not read. */
    public static Optional<HeaderFormat> of(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (HeaderFormat f : values()) {
            for (String suffix : f.suffixes) {
                if (lower.endsWith(suffix) && lower.length() > suffix.length()) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    /** Every ending of every format, for a query that picks the files worth reading. */
    public static List<String> allSuffixes() {
        return java.util.Arrays.stream(values()).flatMap(f -> f.suffixes.stream()).toList();
    }
}
