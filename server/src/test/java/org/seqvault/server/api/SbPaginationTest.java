package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** Walking big listings the way Collection.all() does: every item once, the total on every page, an end. */
@OnEveryBackend
class SbPaginationTest extends BackendSuite {
    static final int FILES = 250;
    static ServerFixture fx;
    static TestHttp http;
    static SbHttp sb;
    static String project;
    static List<String> expectedNames;

    /** 250 files (v1 form uploads) and two folders at the root of one project. */
    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        fx = new ServerFixture(backend);
        http = fx.http;
        expectedNames = new ArrayList<>();
        ApiScenario sc = new ApiScenario(http);
        String ivan = sc.user("ivan", "files", "projects");
        sb = new SbHttp(http, ivan);
        JsonNode p = sc.project(ivan, "Big", false);
        project = p.get("id").asText();
        expectedNames.addAll(List.of("dirA", "dirB"));
        for (String dir : List.of("dirB", "dirA")) {
            ok(sb.post("/files", Map.of("name", dir, "type", "folder", "project", project)), 200);
        }
        for (int i = FILES - 1; i >= 0; i--) {
            String name = String.format("f%03d.txt", i);
            var up = sc.upload(ivan, p.get("workspace_id").asText(), null, name, name.getBytes(StandardCharsets.UTF_8));
            assertThat(up.status()).isEqualTo(201);
        }
        for (int i = 0; i < FILES; i++) {
            expectedNames.add(String.format("f%03d.txt", i));
        }
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fx.close();
    }

    @Test
    void offsetPagesFollowedByLinks() {
        List<JsonNode> pages = sb.allPages("/files?project=" + project + "&limit=7&fields=_all", FILES + 2);
        assertThat(pages).hasSize((FILES + 2 + 6) / 7);
        for (int i = 0; i < pages.size(); i++) {
            JsonNode page = pages.get(i);
            assertThat(rels(page)).as("page %d", i).contains(i > 0 ? "prev" : "next");
            if (i == 0) {
                assertThat(rels(page)).doesNotContain("prev");
            }
        }
        assertThat(rels(pages.getLast())).as("no next on the last page").doesNotContain("next");
        assertThat(names(pages)).containsExactlyElementsOf(expectedNames);
    }

    @Test
    void scrollPagesFollowedByTokens() {
        List<JsonNode> pages = sb.allPages("/files/scroll?project=" + project + "&token=init&limit=9&fields=_all", FILES + 2);
        assertThat(pages).hasSize((FILES + 2 + 8) / 9);
        assertThat(rels(pages.getLast())).doesNotContain("next");
        assertThat(names(pages)).containsExactlyElementsOf(expectedNames);
    }

    @Test
    void aDefaultPageIsFiftyAndALimitAboveAHundredIsClamped() {
        assertThat(ok(sb.get("/files?project=" + project), 200).get("items")).hasSize(50);
        var big = sb.get("/files?project=" + project + "&limit=1000&offset=200");
        assertThat(ok(big, 200).get("items")).hasSize(FILES + 2 - 200);
        assertThat(big.json().get("href").asText()).endsWith("offset=200&limit=100");
        assertThat(rels(big.json())).containsExactly("prev");
    }

    /** Short pages take their total from their own rows; pages past the end still count the matches. */
    @Test
    void theTotalIsRightOnShortFullAndEmptyPages() {
        String all = "/files?project=" + project;
        assertThat(sb.get(all + "&offset=250&limit=10").header(SbHttp.TOTAL)).isEqualTo(Integer.toString(FILES + 2));
        assertThat(sb.get(all + "&offset=500&limit=10").header(SbHttp.TOTAL)).isEqualTo(Integer.toString(FILES + 2));
        String two = all + "&name=f001.txt&name=f002.txt";
        assertThat(sb.get(two).header(SbHttp.TOTAL)).isEqualTo("2");
        assertThat(sb.get(two + "&offset=1&limit=1").header(SbHttp.TOTAL)).isEqualTo("2");
        assertThat(sb.get(two + "&offset=5&limit=1").header(SbHttp.TOTAL)).isEqualTo("2");
        assertThat(sb.get(all + "&name=none.txt").header(SbHttp.TOTAL)).isEqualTo("0");
        String scroll = "/files/scroll?project=" + project + "&name=f001.txt&name=f002.txt&token=init";
        assertThat(sb.get(scroll + "&limit=2").header(SbHttp.TOTAL)).isEqualTo("2");
        JsonNode first = ok(sb.get(scroll + "&limit=1"), 200);
        var second = sb.get(first.get("links").get(0).get("href").asText());
        assertThat(second.header(SbHttp.TOTAL)).as("a later scroll page counts what came before").isEqualTo("2");
        assertThat(ok(second, 200).get("items")).hasSize(1);
    }

    /** A scroll continues after its last item, so files added behind it never make it repeat or skip. */
    @Test
    void scrollIsStableWhileFilesAreAdded() {
        JsonNode first = ok(sb.get("/files/scroll?project=" + project + "&token=init&limit=100"), 200);
        ok(sb.post("/files", Map.of("name", "dir0", "type", "folder", "project", project)), 200);
        List<String> seen = new ArrayList<>(names(List.of(first)));
        String next = first.get("links").get(0).get("href").asText();
        while (next != null) {
            JsonNode page = ok(sb.get(next), 200);
            seen.addAll(names(List.of(page)));
            next = page.get("links").isEmpty() ? null : page.get("links").get(0).get("href").asText();
        }
        assertThat(seen).containsExactlyElementsOf(expectedNames);
        assertThat(sb.delete("/files/" + folderId("dir0")).status()).isEqualTo(204);
    }

    private static String folderId(String name) {
        return ok(sb.get("/files?project=" + project + "&name=" + name), 200).at("/items/0/id").asText();
    }

    private static List<String> names(List<JsonNode> pages) {
        List<String> names = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode page : pages) {
            for (JsonNode item : page.get("items")) {
                assertThat(ids.add(item.get("id").asText())).as("%s listed once", item.get("name")).isTrue();
                names.add(item.get("name").asText());
            }
        }
        return names;
    }

    private static List<String> rels(JsonNode page) {
        List<String> rels = new ArrayList<>();
        page.get("links").forEach(l -> rels.add(l.get("rel").asText()));
        return rels;
    }
}
