package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.itemNames;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The v2 listing extension name_contains (the web browser's Filter box), on every backend: names
 * containing the text whatever the case, counted in X-Total-Matching-Query, with the other filters;
 * the exact name filter unchanged; a too long text a 400 in the Seven Bridges format.
 */
@OnEveryBackend
class NameContainsApiTest extends ScenarioSuite {
    @Test
    void namesContainingTheTextWhateverTheCaseAreListedAndCounted() {
        String nina = sc.user("nina", "files", "projects");
        JsonNode workspace = sc.workspace(nina, "Filter box");
        String ws = workspace.get("workspace_id").asText();
        for (String name : List.of("Sample_A.bam", "sample_a.bam.bai", "sampleXa.vcf", "notes.txt")) {
            sc.upload(nina, ws, "", name, name.getBytes(StandardCharsets.UTF_8));
        }
        SbHttp sb = new SbHttp(fx.http, nina);
        String project = workspace.get("project").asText();

        TestHttp.Response answer = sb.get("/files?project=" + project + "&name_contains=SAMPLE_A");
        assertThat(itemNames(ok(answer, 200))).containsExactlyInAnyOrder("Sample_A.bam", "sample_a.bam.bai");
        assertThat(answer.header("X-Total-Matching-Query")).isEqualTo("2");
        assertThat(itemNames(ok(sb.get("/files?project=" + project + "&name_contains=.BAM&name=Sample_A.bam"), 200)))
                .as("with the exact name filter: both must hold").containsExactly("Sample_A.bam");
        assertThat(itemNames(ok(sb.get("/files?project=" + project + "&name=sample_a.bam"), 200)))
                .as("name= stays exact").isEmpty();
        assertThat(itemNames(ok(sb.get("/files?project=" + project + "&name_contains="), 200))).as("empty: no filter").hasSize(4);

        JsonNode tooLong = ok(sb.get("/files?project=" + project + "&name_contains="
                + URLEncoder.encode("x".repeat(256), StandardCharsets.UTF_8)), 400);
        assertThat(tooLong.get("code").asInt()).isEqualTo(90000);
        assertThat(tooLong.get("message").asText()).contains("name_contains");
    }
}
