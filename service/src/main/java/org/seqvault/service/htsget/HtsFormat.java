package org.seqvault.service.htsget;

import java.util.Locale;
import java.util.Optional;

/** The formats htsget serves, each under one endpoint: reads (BAM, CRAM) or variants (VCF, BCF). */
public enum HtsFormat {
    BAM(DataType.READS, true),
    CRAM(DataType.READS, false),
    VCF(DataType.VARIANTS, true),
    BCF(DataType.VARIANTS, true);

    /** The two htsget endpoints. */
    public enum DataType {
        READS, VARIANTS;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The format asked for when the request names none. */
        public HtsFormat defaultFormat() {
            return this == READS ? BAM : VCF;
        }
    }

    private final DataType dataType;
    private final boolean bgzf;

    HtsFormat(DataType dataType, boolean bgzf) {
        this.dataType = dataType;
        this.bgzf = bgzf;
    }

    public DataType dataType() {
        return dataType;
    }

    /** True for the BGZF-compressed formats (BAM, bgzipped VCF, BCF), false for CRAM. */
    public boolean isBgzf() {
        return bgzf;
    }

    /** The format a file's name says it has; empty for anything htsget does not serve (a plain .vcf, a .sam). */
    public static Optional<HtsFormat> ofFileName(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.endsWith(".bam")) {
            return Optional.of(BAM);
        }
        if (n.endsWith(".cram")) {
            return Optional.of(CRAM);
        }
        if (n.endsWith(".vcf.gz") || n.endsWith(".vcf.bgz")) {
            return Optional.of(VCF);
        }
        if (n.endsWith(".bcf")) {
            return Optional.of(BCF);
        }
        return Optional.empty();
    }

    /** The format named by a request's {@code format} parameter (case-insensitive); empty when unknown. */
    public static Optional<HtsFormat> ofWireName(String name) {
        for (HtsFormat f : values()) {
            if (f.name().equalsIgnoreCase(name)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
