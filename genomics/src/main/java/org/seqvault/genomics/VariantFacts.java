package org.seqvault.genomics;

import htsjdk.variant.vcf.VCFContigHeaderLine;
import htsjdk.variant.vcf.VCFHeader;
import htsjdk.variant.vcf.VCFHeaderLine;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The metadata of a VCF or BCF header: its one sample (if it has one), how many, and the reference. */
final class VariantFacts {
    private VariantFacts() {
    }

    static Map<String, String> of(VCFHeader header) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> samples = header.getGenotypeSamples();
        if (samples.size() == 1) {
            m.put(MetadataKeys.SAMPLE_ID, samples.get(0));
        }
        m.put(MetadataKeys.SAMPLE_COUNT, String.valueOf(samples.size()));
        reference(header).ifPresent(v -> m.put(MetadataKeys.REFERENCE_GENOME, v));
        return m;
    }

    private static Optional<String> reference(VCFHeader header) {
        Optional<String> byContigs = header.getContigLines().stream().allMatch(c -> c.getSAMSequenceRecord() != null)
                ? Optional.ofNullable(safeDictionary(header)).flatMap(ReferenceGenomes::recognise)
                : Optional.empty();
        return byContigs
                .or(() -> header.getContigLines().stream()
                        .map(VCFContigHeaderLine::getGenericFields)
                        .map(f -> f.get("assembly"))
                        .filter(a -> a != null && !a.isBlank())
                        .findFirst())
                .or(() -> Optional.ofNullable(header.getOtherHeaderLine("reference"))
                        .map(VCFHeaderLine::getValue)
                        .map(VariantFacts::referenceName));
    }

    private static htsjdk.samtools.SAMSequenceDictionary safeDictionary(VCFHeader header) {
        try {
            return header.getSequenceDictionary();
        } catch (RuntimeException e) {
            return null; // contig lines without lengths make no dictionary
        }
    }

    /** {@code file:///refs/GRCh38.fa.gz} → {@code GRCh38}: the reference file's name without its path or endings. */
    static String referenceName(String value) {
        String v = value.strip();
        int slash = Math.max(v.lastIndexOf('/'), v.lastIndexOf('\\'));
        String name = v.substring(slash + 1);
        for (String ending : new String[] {".gz", ".bgz", ".fasta", ".fa", ".fna", ".2bit"}) {
            if (name.toLowerCase(java.util.Locale.ROOT).endsWith(ending) && name.length() > ending.length()) {
                name = name.substring(0, name.length() - ending.length());
            }
        }
        return name;
    }
}
