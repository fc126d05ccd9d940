package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.itemNames;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The v2 listing extension order_by/direction (the web browser's sortable columns), on every
 * backend: folders first, then the chosen column, then the name; pages of any size add up to the
 * whole list; bad values and a sorted scroll are 400s in the Seven Bridges format.
 */
@OnEveryBackend
class ListingOrderApiTest extends ScenarioSuite {
    @Test
    void foldersComeFirstThenTheChosenColumnThenTheName() {
        String olga = sc.user("olga", "files", "projects");
        JsonNode workspace = sc.workspace(olga, "Sorted");
        String ws = workspace.get("workspace_id").asText();
        // Uploaded in this order, so modified_on follows it; sizes 3, 1, 2, 1 bytes.
        sc.upload(olga, ws, "", "a.txt", new byte[3]);
        sc.upload(olga, ws, "", "d.txt", new byte[1]);
        sc.upload(olga, ws, "", "c.txt", new byte[2]);
        sc.upload(olga, ws, "", "b.txt", new byte[1]);
        sc.upload(olga, ws, "zdir/", "inside.txt", new byte[5]);
        SbHttp sb = new SbHttp(fx.http, olga);
        String list = "/files?project=" + workspace.get("project").asText();

        assertThat(names(sb, list)).containsExactly("zdir", "a.txt", "b.txt", "c.txt", "d.txt");
        assertThat(names(sb, list + "&order_by=name&direction=desc")).containsExactly("zdir", "d.txt", "c.txt", "b.txt", "a.txt");
        assertThat(names(sb, list + "&order_by=size")).as("equal sizes by name")
                .containsExactly("zdir", "b.txt", "d.txt", "c.txt", "a.txt");
        assertThat(names(sb, list + "&order_by=size&direction=desc")).containsExactly("zdir", "a.txt", "c.txt", "d.txt", "b.txt");
        assertThat(names(sb, list + "&order_by=modified_on")).containsExactly("zdir", "a.txt", "d.txt", "c.txt", "b.txt");
        assertThat(names(sb, list + "&order_by=created_on&direction=desc"))
                .containsExactly("zdir", "b.txt", "c.txt", "d.txt", "a.txt");

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 5; offset += 2) {
            TestHttp.Response page = sb.get(list + "&order_by=size&direction=desc&limit=2&offset=" + offset);
            assertThat(page.header("X-Total-Matching-Query")).isEqualTo("5");
            paged.addAll(itemNames(ok(page, 200)));
        }
        assertThat(paged).as("pages of 2 add up to the whole list").containsExactly("zdir", "a.txt", "c.txt", "d.txt", "b.txt");
        assertThat(names(sb, list + "&order_by=size&name_contains=.TXT")).containsExactly("b.txt", "d.txt", "c.txt", "a.txt");
    }

    @Test
    void unknownOrdersAndASortedScrollAreRefusedInWords() {
        String pia = sc.user("pia", "files", "projects");
        JsonNode workspace = sc.workspace(pia, "Refused orders");
        SbHttp sb = new SbHttp(fx.http, pia);
        String project = workspace.get("project").asText();

        JsonNode column = ok(sb.get("/files?project=" + project + "&order_by=colour"), 400);
        assertThat(column.get("code").asInt()).isEqualTo(90000);
        assertThat(column.get("message").asText()).contains("order_by", "colour");
        JsonNode direction = ok(sb.get("/files?project=" + project + "&order_by=size&direction=sideways"), 400);
        assertThat(direction.get("message").asText()).contains("direction");
        JsonNode scroll = ok(sb.get("/files/scroll?project=" + project + "&order_by=size"), 400);
        assertThat(scroll.get("message").asText()).contains("scroll", "offset");
    }

    private static List<String> names(SbHttp sb, String path) {
        return itemNames(ok(sb.get(path), 200));
    }
}
