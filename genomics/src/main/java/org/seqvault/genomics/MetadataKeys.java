package org.seqvault.genomics;

/** The metadata keys a header fills (docs/genomics.md lists where each comes from). */
final class MetadataKeys {
    // The platform's standard keys.
    static final String SAMPLE_ID = "sample_id";
    static final String LIBRARY_ID = "library_id";
    static final String PLATFORM = "platform";
    static final String PLATFORM_UNIT_ID = "platform_unit_id";
    static final String REFERENCE_GENOME = "reference_genome";
    static final String PAIRED_END = "paired_end";
    static final String FILE_SEGMENT_NUMBER = "file_segment_number";
    static final String QUALITY_SCALE = "quality_scale";
    // Format facts a user filters by.
    static final String SORT_ORDER = "sort_order";
    static final String SAMPLE_COUNT = "sample_count";
    static final String READ_GROUP_COUNT = "read_group_count";

    private MetadataKeys() {
    }
}
