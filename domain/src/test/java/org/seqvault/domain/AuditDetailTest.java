package org.seqvault.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditDetailTest {

    @Test
    void writesJsonWithEveryAwkwardCharacterEscaped() {
        String json = AuditDetail.of().put("name", "a\"b\\c\nd\te\u0001f/é😀").put("folder", true).put("size", 42L)
                .put("keys", List.of("x", "y")).json();
        assertThat(json).isEqualTo("{\"name\":\"a\\\"b\\\\c\\nd\\te\\u0001f/é😀\",\"folder\":true,\"size\":42,"
                + "\"keys\":[\"x\",\"y\"]}");
    }

    @Test
    void nothingToSayIsNullAndNullValuesAreLeftOut() {
        assertThat(AuditDetail.of().json()).isNull();
        assertThat(AuditDetail.of().put("name", (String) null).put("tags", (List<String>) null).json()).isNull();
        assertThat(AuditDetail.of().change("name", "same", "same").change("public", true, true).json()).isNull();
    }

    @Test
    void changesSayFromAndTo() {
        assertThat(AuditDetail.of().change("name", "a.vcf", "b.vcf").change("public", false, true)
                .change("tags", List.of(), List.of("wgs")).change("origin", null, "task-1").json())
                .isEqualTo("{\"name\":{\"from\":\"a.vcf\",\"to\":\"b.vcf\"},\"public\":{\"from\":false,\"to\":true},"
                        + "\"tags\":{\"from\":[],\"to\":[\"wgs\"]},\"origin\":{\"to\":\"task-1\"}}");
    }

    @Test
    void longListsAndTextsAreCutShortWithoutSplittingACharacter() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add("k" + i);
        }
        String listed = AuditDetail.of().put("keys", many).json();
        assertThat(listed).contains("\"k19\",\"+980 more\"]").doesNotContain("\"k20\"");

        String text = "x".repeat(AuditDetail.MAX_TEXT - 1) + "😀" + "tail";
        String clipped = AuditDetail.of().put("name", text).json();
        assertThat(clipped).isEqualTo("{\"name\":\"" + "x".repeat(AuditDetail.MAX_TEXT - 1) + "…\"}");
    }

    @Test
    void withAddsAnotherDetailsFields() {
        AuditDetail asked = AuditDetail.of().put("name", "new.vcf");
        assertThat(AuditDetail.of().with(asked).with(null).put("message", "taken").json())
                .isEqualTo("{\"name\":\"new.vcf\",\"message\":\"taken\"}");
    }
}
