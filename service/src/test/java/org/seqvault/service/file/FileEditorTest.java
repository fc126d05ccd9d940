package org.seqvault.service.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqvault.domain.Checksums;
import org.seqvault.domain.Metadata;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeType;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Tags;
import org.seqvault.domain.UserException;
import org.seqvault.service.file.FileEdit.Mode;

class FileEditorTest {
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Checksums SUMS = new Checksums("0".repeat(32), "0".repeat(64));
    private static final Node FILE = new Node("0123456789abcdef01234567", "ws_p", "f00000000000000000000001", "a.vcf",
            NodeType.FILE, "raw/a.vcf", "b00000000000000000000001", 3, SUMS, "text/x-vcf", null, "task-1",
            new Metadata(Map.of("k", "v", "x", "1")), new Tags(List.of("t1", "t2")), T0, T0);
    private static final Node FOLDER = new Node("f00000000000000000000001", "ws_p", "r00000000000000000000001", "raw",
            NodeType.FOLDER, "raw/", null, 0, null, null, null, null, null, null, T0, T0);

    @Test
    void mergeRenamesMergesMetadataReplacesTagsAndKeepsTheRest() {
        Map<String, String> changes = new HashMap<>();
        changes.put("x", null);
        changes.put("n", "2");
        Node edited = FileEditor.apply(FILE, new FileEdit(FILE.id(), "b.vcf", changes, List.of("t3"), null), Mode.MERGE, T1);
        assertThat(edited.name()).isEqualTo("b.vcf");
        assertThat(edited.key()).as("the v1 key follows the name").isEqualTo("raw/b.vcf");
        assertThat(edited.metadata().values()).containsExactlyInAnyOrderEntriesOf(Map.of("k", "v", "n", "2"));
        assertThat(edited.tags().values()).containsExactly("t3");
        assertThat(edited.originTask()).isEqualTo("task-1");
        assertThat(edited.modifiedAt()).isEqualTo(T1);
        assertThat(edited.createdAt()).isEqualTo(T0);
    }

    @Test
    void replaceResetsWhatIsLeftOutButKeepsNameAndOrigin() {
        Node edited = FileEditor.apply(FILE, new FileEdit(FILE.id(), null, null, null, null), Mode.REPLACE, T1);
        assertThat(edited.name()).isEqualTo("a.vcf");
        assertThat(edited.metadata()).isEqualTo(Metadata.EMPTY);
        assertThat(edited.tags()).isEqualTo(Tags.EMPTY);
        assertThat(edited.originTask()).isEqualTo("task-1");
    }

    @Test
    void patchReplacesTheWholeMetadataWhenGivenAndKeepsWhatIsLeftOut() {
        Node edited = FileEditor.apply(FILE, new FileEdit(FILE.id(), null, Map.of("n", "2"), null, null), Mode.PATCH, T1);
        assertThat(edited.metadata().values()).as("the whole set replaced").containsExactlyEntriesOf(Map.of("n", "2"));
        assertThat(edited.tags().values()).as("tags not given stay").containsExactly("t1", "t2");
        assertThat(edited.name()).isEqualTo("a.vcf");
        Node renamed = FileEditor.apply(FILE, new FileEdit(FILE.id(), "b.vcf", null, null, null), Mode.PATCH, T1);
        assertThat(renamed.metadata()).as("metadata not given stays").isEqualTo(FILE.metadata());
    }

    @Test
    void anEditThatChangesNothingReturnsTheSameNode() {
        FileEdit same = new FileEdit(FILE.id(), "a.vcf", Map.of("k", "v", "x", "1"), List.of("t1", "t2"), "task-1");
        assertThat(FileEditor.apply(FILE, same, Mode.REPLACE, T1)).isSameAs(FILE);
        assertThat(FileEditor.apply(FILE, new FileEdit(FILE.id(), null, null, null, null), Mode.MERGE, T1)).isSameAs(FILE);
        FileEdit unchangedFolder = new FileEdit(FOLDER.id(), "raw", Map.of(), List.of(), null);
        assertThat(FileEditor.apply(FOLDER, unchangedFolder, Mode.REPLACE, T1)).isSameAs(FOLDER);
    }

    @Test
    void foldersRefuseRenameMetadataAndTags() {
        assertProblem(new FileEdit(FOLDER.id(), "new", null, null, null), Problem.FOLDER_RENAME);
        assertProblem(new FileEdit(FOLDER.id(), null, Map.of("k", "v"), null, null), Problem.FOLDER_METADATA);
        assertProblem(new FileEdit(FOLDER.id(), null, null, List.of("t"), null), Problem.FOLDER_TAGS);
    }

    @Test
    void badNamesAndTagsAreRefused() {
        assertThatThrownBy(() -> FileEditor.apply(FILE, new FileEdit(FILE.id(), "a/b", null, null, null), Mode.MERGE, T1))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_NAME));
        assertThatThrownBy(() -> FileEditor.apply(FILE, new FileEdit(FILE.id(), null, null, List.of("a,b"), null),
                Mode.MERGE, T1))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_TAGS));
    }

    private static void assertProblem(FileEdit edit, Problem problem) {
        assertThatThrownBy(() -> FileEditor.apply(FOLDER, edit, Mode.MERGE, T1))
                .isInstanceOfSatisfying(UserException.class, e -> assertThat(e.problem()).isEqualTo(problem));
    }
}
