package org.seqvault.genomics;

import htsjdk.samtools.SAMFileHeader;
import htsjdk.samtools.SAMReadGroupRecord;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The metadata of a BAM, CRAM or SAM header. A read-group value (sample, library, platform,
 * platform unit) is set only when every read group that has it agrees: a file of two samples has no
 * one {@code sample_id}, but says how many samples it holds.
 */
final class AlignmentFacts {
    /** The platform's names for the SAM specification's PL values; anything else is passed on as written. */
    private static final Map<String, String> PLATFORMS = Map.ofEntries(
            Map.entry("ILLUMINA", "Illumina"),
            Map.entry("LS454", "454"),
            Map.entry("HELICOS", "Helicos"),
            Map.entry("IONTORRENT", "Ion Torrent"),
            Map.entry("PACBIO", "PacBio"),
            Map.entry("SOLID", "SOLiD"),
            Map.entry("ONT", "Oxford Nanopore"),
            Map.entry("COMPLETE", "Complete Genomics"),
            Map.entry("CAPILLARY", "Capillary"),
            Map.entry("DNBSEQ", "DNBSEQ"),
            Map.entry("ELEMENT", "Element"),
            Map.entry("ULTIMA", "Ultima"));

    private AlignmentFacts() {
    }

    static Map<String, String> of(SAMFileHeader header) {
        Map<String, String> m = new LinkedHashMap<>();
        var groups = header.getReadGroups();
        single(groups, SAMReadGroupRecord::getSample).ifPresent(v -> m.put(MetadataKeys.SAMPLE_ID, v));
        single(groups, SAMReadGroupRecord::getLibrary).ifPresent(v -> m.put(MetadataKeys.LIBRARY_ID, v));
        single(groups, SAMReadGroupRecord::getPlatform)
                .ifPresent(v -> m.put(MetadataKeys.PLATFORM, PLATFORMS.getOrDefault(v.toUpperCase(Locale.ROOT), v)));
        single(groups, SAMReadGroupRecord::getPlatformUnit).ifPresent(v -> m.put(MetadataKeys.PLATFORM_UNIT_ID, v));
        ReferenceGenomes.recognise(header.getSequenceDictionary()).ifPresent(v -> m.put(MetadataKeys.REFERENCE_GENOME, v));
        // Quality values in BAM, CRAM and SAM are Phred+33 by the specification.
        m.put(MetadataKeys.QUALITY_SCALE, "sanger");
        Object sortOrder = header.getAttribute(SAMFileHeader.SORT_ORDER_TAG);
        if (sortOrder != null) {
            m.put(MetadataKeys.SORT_ORDER, sortOrder.toString());
        }
        m.put(MetadataKeys.READ_GROUP_COUNT, String.valueOf(groups.size()));
        m.put(MetadataKeys.SAMPLE_COUNT, String.valueOf(distinct(groups, SAMReadGroupRecord::getSample).size()));
        return m;
    }

    private static java.util.Optional<String> single(java.util.List<SAMReadGroupRecord> groups,
                                                     Function<SAMReadGroupRecord, String> field) {
        Set<String> values = distinct(groups, field);
        return values.size() == 1 ? java.util.Optional.of(values.iterator().next()) : java.util.Optional.empty();
    }

    private static Set<String> distinct(java.util.List<SAMReadGroupRecord> groups, Function<SAMReadGroupRecord, String> field) {
        Set<String> values = new TreeSet<>();
        for (SAMReadGroupRecord g : groups) {
            String v = field.apply(g);
            if (v != null && !v.isBlank()) {
                values.add(v.strip());
            }
        }
        return values;
    }
}
