package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** Tokens, workspaces and project members over real HTTP: who may manage tokens, workspace paging, the last admin. */
@OnEveryBackend
class AccountsApiTest extends BackendSuite {
    static ServerFixture fx;
    static TestHttp http;
    static ApiScenario sc;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        fx = new ServerFixture(backend);
        http = fx.http;
        sc = new ApiScenario(http);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fx.close();
    }

    // ---- tokens ----

    @Test
    void aTokenWithoutTheTokensScopeCannotSeeIssueOrRevokeTokens() {
        String hana = sc.user("hana", "files", "projects", "tokens");
        String pipeline = sc.token("hana", "files", "projects");
        JsonNode hanasAdminToken = ok(http.postJson("/admin/v1/tokens", sc.admin,
                Map.of("username", "hana", "scopes", List.of("admin"))), 201);
        String adminTokenId = hanasAdminToken.get("id").asText();

        assertMissingScope(http.get("/v1/tokens", pipeline));
        assertMissingScope(http.delete("/v1/tokens/" + adminTokenId, pipeline));
        assertMissingScope(http.postJson("/v1/tokens", pipeline, Map.of("scopes", List.of("files"))));
        assertThat(http.get("/v2/user", hanasAdminToken.get("token").asText()).status())
                .as("the admin token survived the attempt").isEqualTo(200);

        JsonNode listed = ok(http.get("/v1/tokens", hana), 200);
        assertThat(listed.get("tokens").findValuesAsText("id")).contains(adminTokenId);
        assertThat(http.postJson("/v1/tokens", hana, Map.of("scopes", List.of("files"))).status()).isEqualTo(201);
        assertThat(http.postJson("/v1/tokens", hana, Map.of("scopes", List.of("admin"))).status())
                .as("no scope the calling token lacks").isEqualTo(403);
        assertThat(http.delete("/v1/tokens/" + adminTokenId, hana).status()).isEqualTo(204);
        assertThat(http.get("/v2/user", hanasAdminToken.get("token").asText()).status()).isEqualTo(401);
    }

    @Test
    void theTokensScopeIsIssuedListedAndNamedInTheWireOrder() {
        ok(http.postJson("/admin/v1/users", sc.admin, Map.of("username", "hugo")), 201);
        JsonNode issued = ok(http.postJson("/admin/v1/tokens", sc.admin,
                Map.of("username", "hugo", "scopes", List.of("admin", "tokens", "files"))), 201);
        assertThat(issued.get("scopes").toString()).isEqualTo("[\"files\",\"tokens\",\"admin\"]");
        var unknown = http.postJson("/admin/v1/tokens", sc.admin, Map.of("username", "hugo", "scopes", List.of("token")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().get("error").get("message").asText()).contains("files, projects, tokens or admin");
    }

    private static void assertMissingScope(TestHttp.Response r) {
        assertThat(r.status()).as(r.json().toString()).isEqualTo(403);
        assertThat(r.json().get("error").get("code").asText()).isEqualTo("missing_scope");
        assertThat(r.json().get("error").get("message").asText()).contains("'tokens' scope");
    }

    // ---- workspaces ----

    @Test
    void workspacesArePagedByCursorInProjectIdOrder() {
        String kim = sc.user("kim", "files", "projects");
        for (String name : List.of("ws c", "ws a", "ws e", "ws b", "ws d")) {
            sc.workspace(kim, name);
        }
        sc.workspace(sc.user("lee", "files", "projects"), "not kims");

        JsonNode page1 = ok(http.get("/v1/workspaces?limit=2", kim), 200);
        assertThat(projects(page1)).containsExactly("kim/ws-a", "kim/ws-b");
        JsonNode page2 = ok(http.get("/v1/workspaces?limit=2&cursor=" + q(page1.get("next_cursor").asText()), kim), 200);
        assertThat(projects(page2)).containsExactly("kim/ws-c", "kim/ws-d");
        // Created between pages: one before the cursor (not repeated, not shifting the rest), one after it.
        sc.workspace(kim, "ws aa");
        sc.workspace(kim, "ws f");
        JsonNode page3 = ok(http.get("/v1/workspaces?limit=2&cursor=" + q(page2.get("next_cursor").asText()), kim), 200);
        assertThat(projects(page3)).containsExactly("kim/ws-e", "kim/ws-f");
        assertThat(page3.get("next_cursor").isNull()).as("exactly a page left: the last page").isTrue();

        JsonNode whole = ok(http.get("/v1/workspaces", kim), 200);
        assertThat(projects(whole)).containsExactly("kim/ws-a", "kim/ws-aa", "kim/ws-b", "kim/ws-c", "kim/ws-d",
                "kim/ws-e", "kim/ws-f");
        assertThat(whole.get("next_cursor").isNull()).isTrue();
        assertThat(whole.get("workspaces").get(0).get("workspace_id").asText()).startsWith("ws_");
    }

    @Test
    void badLimitsAndCursorsAre400() {
        String mia = sc.user("mia", "files", "projects");
        String notAProjectId = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("no slash here".getBytes(StandardCharsets.UTF_8));
        for (String query : List.of("limit=0", "limit=1001", "limit=x", "cursor=%21%21", "cursor=" + notAProjectId)) {
            var r = http.get("/v1/workspaces?" + query, mia);
            assertThat(r.status()).as(query + ": " + r.json()).isEqualTo(400);
            assertThat(r.json().get("error").get("code").asText()).isEqualTo("invalid_request");
        }
    }

    private static List<String> projects(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("workspaces").forEach(w -> ids.add(w.get("project").asText()));
        return ids;
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    // ---- members ----

    @Test
    void theLastAdminOfAProjectCanBeNeitherRemovedNorDemoted() {
        String ivan = sc.user("ivan", "files", "projects");
        sc.user("judy", "files", "projects");
        String project = sc.project(ivan, "Admins", false).get("id").asText();
        String members = "/projects/" + project + "/members/";
        SbHttp asIvan = new SbHttp(http, ivan);
        SbHttp asPlatformAdmin = new SbHttp(http, sc.admin);

        assertLastAdmin(asIvan.patch(members + "ivan", Map.of("permissions", Map.of("admin", false))));
        assertLastAdmin(asIvan.patch(members + "ivan", Map.of("admin", false, "write", false)));
        assertLastAdmin(asIvan.delete(members + "ivan"));
        assertLastAdmin(asPlatformAdmin.delete(members + "ivan"));
        assertThat(ok(asIvan.get(members + "ivan"), 200).get("permissions").get("admin").asBoolean()).isTrue();
        // Changing other permissions of the last admin, keeping admin, is fine.
        assertThat(ok(asIvan.patch(members + "ivan", Map.of("execute", false)), 200)
                .get("permissions").get("admin").asBoolean()).isTrue();

        sc.addMember(ivan, project, "judy", Map.of("admin", true));
        assertThat(ok(asIvan.patch(members + "ivan", Map.of("admin", false)), 200)
                .get("permissions").get("admin").asBoolean()).isFalse();
        SbHttp asJudy = new SbHttp(http, sc.token("judy", "files", "projects"));
        assertLastAdmin(asJudy.delete(members + "judy"));
        assertThat(asJudy.delete(members + "ivan").status()).isEqualTo(204);
        assertThat(ok(asJudy.get("/projects/" + project + "/members"), 200).get("items").findValuesAsText("username"))
                .containsExactly("judy");
    }

    private static void assertLastAdmin(TestHttp.Response r) {
        JsonNode body = ok(r, 409);
        assertThat(body.get("status").asInt()).isEqualTo(409);
        assertThat(body.get("code").asInt()).isEqualTo(90000);
        assertThat(body.get("message").asText()).contains("last admin");
        assertThat(body.get("more_info").isTextual()).isTrue();
    }
}
