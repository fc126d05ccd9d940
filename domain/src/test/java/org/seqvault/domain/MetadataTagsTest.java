package org.seqvault.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataTagsTest {

    @Test
    void metadataKeepsKeysSortedAndPatchRemovesNulls() {
        Metadata m = new Metadata(Map.of("sample_id", "S1", "library_id", "L7"));
        assertThat(m.values().keySet()).containsExactly("library_id", "sample_id");
        Map<String, String> change = new HashMap<>();
        change.put("sample_id", null);
        change.put("platform", "ILLUMINA");
        assertThat(m.patch(change).values()).containsExactly(Map.entry("library_id", "L7"), Map.entry("platform", "ILLUMINA"));
    }

    @Test
    void metadataLimitsAreEnforced() {
        assertThatThrownBy(() -> new Metadata(Map.of("k".repeat(101), "v")))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_METADATA));
        assertThatThrownBy(() -> new Metadata(Map.of("k", "v".repeat(301)))).isInstanceOf(UserException.class);
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i <= 1000; i++) {
            many.put("k" + i, "v");
        }
        assertThatThrownBy(() -> new Metadata(many)).hasMessageContaining("1000");
        assertThatThrownBy(() -> new Metadata(Map.of("", "v"))).isInstanceOf(UserException.class);
    }

    @Test
    void metadataValuesMayHoldControlCharactersButNoNul() {
        assertThat(new Metadata(Map.of("note", "line 1\nline 2\tend")).values()).containsEntry("note", "line 1\nline 2\tend");
        assertThatThrownBy(() -> new Metadata(Map.of("sample", "S\u00001")))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_METADATA))
                .hasMessage("metadata value of 'sample' must not contain a NUL character");
    }

    @Test
    void foldersCarryNoMetadataOrTags() {
        Metadata some = new Metadata(Map.of("sample_id", "S1"));
        assertThatThrownBy(() -> folder(some, Tags.EMPTY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> folder(Metadata.EMPTY, new Tags(List.of("wgs")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(folder(null, null).metadata().isEmpty()).isTrue();
    }

    private static Node folder(Metadata metadata, Tags tags) {
        return new Node("5eedf01d0000000000000001", "p", "root", "run-1", NodeType.FOLDER, "run-1/", null, 0, null,
                null, null, null, metadata, tags, java.time.Instant.EPOCH, java.time.Instant.EPOCH);
    }

    @Test
    void tagsDropDuplicatesAndRefuseCommas() {
        assertThat(new Tags(List.of("wgs", "batch-3", "wgs")).values()).containsExactly("wgs", "batch-3");
        assertThatThrownBy(() -> new Tags(List.of("a,b"))).isInstanceOfSatisfying(UserException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_TAGS));
        assertThatThrownBy(() -> new Tags(List.of("x".repeat(129)))).isInstanceOf(UserException.class);
        assertThatThrownBy(() -> new Tags(List.of(""))).isInstanceOf(UserException.class);
    }

    @Test
    void byteSizesParseForPeople() {
        assertThat(ByteSize.parse("500MiB")).isEqualTo(500L << 20);
        assertThat(ByteSize.parse("5GiB")).isEqualTo(5L << 30);
        assertThat(ByteSize.parse("10MB")).isEqualTo(10_000_000L);
        assertThat(ByteSize.parse("1048576")).isEqualTo(1L << 20);
        assertThat(ByteSize.format(500L << 20)).isEqualTo("500 MiB");
        assertThatThrownBy(() -> ByteSize.parse("lots")).isInstanceOf(UserException.class);
    }
}
