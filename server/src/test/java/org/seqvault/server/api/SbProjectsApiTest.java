package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.TOTAL;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * Projects, members and users as sevenbridges-python calls them (spec §12.4): tags and settings kept,
 * the name and tags filters, an owner's projects, member paging, member.save() and user.reload().
 */
@OnEveryBackend
class SbProjectsApiTest extends BackendSuite {
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

    @Test
    void tagsAndSettingsAreKeptAndPatchChangesOnlyWhatIsSent() throws Exception {
        Golden golden = fx.golden();
        SbHttp sb = new SbHttp(http, sc.user("tess", "files", "projects"));
        // What Project.create sends: billing_group is always there (null without one), and is ignored.
        // Settings keep the order they were sent in, so the golden answer needs one order sent.
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("locked", false);
        settings.put("use_interruptible_instances", true);
        Map<String, Object> create = new HashMap<>(Map.of("name", "Tagged", "description", "trio",
                "tags", List.of("wgs", "trio"), "settings", settings));
        create.put("billing_group", null);
        JsonNode created = ok(sb.post("/projects", create), 201);
        golden.assertMatches("v2-project-create", created);
        assertThat(created.has("billing_group")).as("never echoed as null").isFalse();
        String pid = created.get("id").asText();

        JsonNode renamed = ok(sb.patch("/projects/" + pid, Map.of("name", "Tagged Trio")), 200);
        assertThat(renamed.get("tags")).isEqualTo(created.get("tags"));
        assertThat(renamed.get("settings")).as("kept when not sent").isEqualTo(created.get("settings"));
        JsonNode patched = ok(sb.patch("/projects/" + pid, Map.of("tags", List.of("wgs"),
                "settings", Map.of("locked", true), "billing_group", "6b1f8a2e-1c2d-4e5f-8a9b-0c1d2e3f4a5b")), 200);
        golden.assertMatches("v2-project-patch", patched);
        assertThat(patched.get("settings").get("use_interruptible_instances").asBoolean())
                .as("settings keys not sent stay").isTrue();
        assertThat(ok(sb.get("/projects/" + pid), 200).get("tags").toString()).isEqualTo("[\"wgs\"]");
        assertThat(ok(sb.get("/projects?name=Tagged%20Trio"), 200).get("items").get(0).get("settings"))
                .as("lists show them too").isEqualTo(patched.get("settings"));
    }

    @Test
    void nameAndTagsFilterTheProjectsTheCallerCanSee() throws Exception {
        Golden golden = fx.golden();
        String fay = sc.user("fay", "files", "projects");
        SbHttp sb = new SbHttp(http, fay);
        project(sb, "Alpha", List.of("rna", "2024"));
        project(sb, "Alpha 2", List.of("rna"));
        project(sb, "alpha", List.of("2024"));
        String gus = sc.user("gus", "files", "projects");
        project(new SbHttp(http, gus), "Alpha", List.of("rna", "2024")); // another user's, private

        var byName = sb.get("/projects?name=Alpha&fields=_all");
        golden.assertMatches("v2-project-list-name", ok(byName, 200));
        assertThat(byName.header(TOTAL)).isEqualTo("1");
        assertThat(ids(sb, "/projects?name=")).as("an empty name matches nothing").isEmpty();
        assertThat(ids(sb, "/projects?name=Nope")).isEmpty();
        assertThat(ids(sb, "/projects?tags=rna")).containsExactly("fay/alpha", "fay/alpha-2");
        assertThat(ids(sb, "/projects?tags=rna&tags=2024")).as("every tag must match").containsExactly("fay/alpha");
        assertThat(ids(sb, "/projects/?tags=2024")).as("the client's /projects/ with a slash")
                .containsExactly("fay/alpha", "fay/alpha-3");
        assertThat(ids(sb, "/projects?name=Alpha&tags=2024")).containsExactly("fay/alpha");
    }

    @Test
    void anOwnersProjectsArePagedAndShowOnlyWhatTheCallerCanRead() throws Exception {
        Golden golden = fx.golden();
        String otto = sc.user("owen", "files", "projects");
        SbHttp owner = new SbHttp(http, otto);
        project(owner, "One", List.of());
        project(owner, "Two", List.of());
        String shared = project(owner, "Three", List.of());
        project(owner, "Four", List.of());
        String vic = sc.user("vic", "files", "projects");
        sc.addMember(otto, shared, "vic", Map.of("read", true));
        SbHttp viewer = new SbHttp(http, vic);
        project(viewer, "Vic's own", List.of());

        var first = owner.get("/projects/owen?limit=3&fields=_all");
        golden.assertMatches("v2-project-list-owner-page1", ok(first, 200));
        assertThat(first.header(TOTAL)).isEqualTo("4");
        List<String> walked = new ArrayList<>();
        for (JsonNode page : owner.allPages("/projects/owen?limit=3&fields=_all", 4)) {
            page.get("items").forEach(p -> walked.add(p.get("id").asText()));
        }
        assertThat(walked).containsExactly("owen/four", "owen/one", "owen/three", "owen/two");
        assertThat(ids(viewer, "/projects/owen")).as("only what vic can read").containsExactly("owen/three");
        assertThat(ids(viewer, "/projects/nobody")).as("an unknown owner is an empty list").isEmpty();
        assertThat(ids(new SbHttp(http, sc.admin), "/projects/owen")).hasSize(4);
    }

    @Test
    void membersArePagedAndMemberSaveChangesPermissions() throws Exception {
        Golden golden = fx.golden();
        String maya = sc.user("maya", "files", "projects");
        SbHttp sb = new SbHttp(http, maya);
        String pid = project(sb, "Crew", List.of());
        for (String name : List.of("mia", "moe", "mur")) {
            sc.user(name, "files");
            sc.addMember(maya, pid, name, Map.of("read", true));
        }

        var first = sb.get("/projects/" + pid + "/members?offset=0&limit=2");
        JsonNode page1 = ok(first, 200);
        golden.assertMatches("v2-members-page1", page1);
        assertThat(first.header(TOTAL)).isEqualTo("4");
        var second = sb.get(page1.get("links").get(0).get("href").asText());
        golden.assertMatches("v2-members-page2", ok(second, 200));
        assertThat(second.header(TOTAL)).isEqualTo("4");

        // member.save() PATCHes its href + "/permissions" with only the changed flags, then reloads from its href.
        String member = "/projects/" + pid + "/members/moe";
        String href = ok(sb.get(member), 200).get("href").asText();
        JsonNode perms = ok(sb.patch(href + "/permissions", Map.of("write", true, "copy", true)), 200);
        golden.assertMatches("v2-member-permissions", perms);
        assertThat(ok(sb.get(href), 200).get("permissions")).isEqualTo(perms);

        SbErrorsApiTest.expect(golden, "v2-error-403-member-permissions",
                sb.as(sc.token("moe", "files", "projects")).patch(member + "/permissions", Map.of("admin", true)),
                403, 5001);
        SbErrorsApiTest.expect(golden, "v2-error-404-member",
                sb.patch("/projects/" + pid + "/members/nemo/permissions", Map.of("read", true)), 404, 4002);
        SbErrorsApiTest.expect(golden, "v2-error-409-last-admin",
                sb.patch("/projects/" + pid + "/members/maya/permissions", Map.of("admin", false)), 409, 90000);
        SbErrorsApiTest.expect(golden, "v2-error-400-member-permissions",
                sb.patch(member + "/permissions", Map.of("write", "yes")), 400, 90000);
        String stranger = sc.user("stu", "files", "projects");
        assertThat(sb.as(stranger).patch(member + "/permissions", Map.of("read", true)).status())
                .as("a project stu cannot see").isEqualTo(404);
    }

    @Test
    void usersAreFoundByTheirHrefForThemselvesAndForAnAdmin() throws Exception {
        Golden golden = fx.golden();
        SbHttp uma = new SbHttp(http, sc.user("uma", "files"));
        sc.user("ulf", "files");
        JsonNode me = ok(uma.get("/user"), 200);
        JsonNode reloaded = ok(uma.get(me.get("href").asText()), 200);
        golden.assertMatches("v2-user-get", reloaded);
        assertThat(reloaded).as("user.reload() gets the same user").isEqualTo(me);
        SbErrorsApiTest.expect(golden, "v2-error-404-user", uma.get("/users/ulf"), 404, 4002);
        TestHttp.Response nobody = uma.get("/users/nobody");
        assertThat(nobody.status()).as("another user is answered as a user nobody has").isEqualTo(404);
        assertThat(nobody.json().get("code").asInt()).isEqualTo(4002);
        assertThat(ok(uma.as(sc.admin).get("/users/ulf"), 200).get("username").asText()).isEqualTo("ulf");
    }

    @Test
    void badTagsAndSettingsAreRefused() throws Exception {
        Golden golden = fx.golden();
        SbHttp sb = new SbHttp(http, sc.user("bo", "files", "projects"));
        SbErrorsApiTest.expect(golden, "v2-error-400-project-settings",
                sb.post("/projects", Map.of("name", "S", "settings", List.of("locked"))), 400, 90000);
        SbErrorsApiTest.expect(golden, "v2-error-400-project-tags",
                sb.post("/projects", Map.of("name", "T", "tags", List.of("a,b"))), 400, 90000);
        String pid = project(sb, "Kept", List.of("x"));
        assertThat(sb.patch("/projects/" + pid, Map.of("tags", "x")).status()).isEqualTo(400);
        assertThat(sb.post("/projects", Map.of("name", "Big", "settings", Map.of("k", "v".repeat(17_000)))).status())
                .as("settings above 16 KiB").isEqualTo(400);
        assertThat(ok(sb.get("/projects/" + pid), 200).get("tags").toString()).as("nothing half-written")
                .isEqualTo("[\"x\"]");
    }

    private static String project(SbHttp sb, String name, List<String> tags) {
        return ok(sb.post("/projects", Map.of("name", name, "tags", tags)), 201).get("id").asText();
    }

    /** The ids on the first page, after checking the total header counts them. */
    private static List<String> ids(SbHttp sb, String path) {
        var r = sb.get(path);
        List<String> ids = new ArrayList<>();
        ok(r, 200).get("items").forEach(p -> ids.add(p.get("id").asText()));
        assertThat(r.header(TOTAL)).isEqualTo(Integer.toString(ids.size()));
        return ids;
    }
}
