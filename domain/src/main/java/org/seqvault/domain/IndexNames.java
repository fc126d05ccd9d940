package org.seqvault.domain;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Which file names are the index of a genomics data file, by the conventions the tools follow
 * (samtools, tabix, bcftools, htsjdk): the index sits in the same folder as its data and is named
 * after it, either with the index suffix appended ({@code x.bam.bai}) or in place of the data's
 * own ({@code x.bai}). The link is derived from the names, never stored, so it stays true through
 * renames, moves, copies and deletes of either file, whichever of the two arrived first.
 */
public final class IndexNames {
    private IndexNames() {
    }

    /** One data format: its name suffix, and the index suffixes its tools write or read. */
    private record Convention(String dataSuffix, List<String> appended, List<String> replacing) {
    }

    private static final List<Convention> CONVENTIONS = List.of(
            new Convention(".bam", List.of(".bai", ".csi"), List.of(".bai")),
            new Convention(".cram", List.of(".crai"), List.of(".crai")),
            new Convention(".vcf.gz", List.of(".tbi", ".csi"), List.of()),
            new Convention(".vcf.bgz", List.of(".tbi", ".csi"), List.of()),
            new Convention(".bcf", List.of(".csi"), List.of()));

    /**
     * The names an index of {@code dataName} may have, most usual first ({@code x.bam} →
     * {@code x.bam.bai}, {@code x.bam.csi}, {@code x.bai}); empty when the name is not an
     * indexable format.
     */
    public static List<String> indexesOf(String dataName) {
        Convention c = conventionOf(dataName);
        if (c == null) {
            return List.of();
        }
        String stem = dataName.substring(0, dataName.length() - c.dataSuffix().length());
        if (stem.isEmpty()) {
            return List.of();
        }
        List<String> appended = c.appended().stream().map(s -> dataName + s).toList();
        List<String> replacing = c.replacing().stream().map(s -> stem + s).toList();
        return Stream.concat(appended.stream(), replacing.stream()).toList();
    }

    /** True when {@code name} names an indexable data file (BAM, CRAM, bgzipped VCF, BCF). */
    public static boolean isIndexable(String name) {
        return !indexesOf(name).isEmpty();
    }

    private static Convention conventionOf(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Convention c : CONVENTIONS) {
            if (lower.endsWith(c.dataSuffix())) {
                return c;
            }
        }
        return null;
    }
}
