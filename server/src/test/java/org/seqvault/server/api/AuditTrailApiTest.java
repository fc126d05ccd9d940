package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/**
 * The audit trail over real HTTP: every change (both dialects where both have it) and every
 * download link handed out leaves one record saying when, who, through which token, in which
 * request from which address, in which project, to what, and how it ended; refused requests too.
 * Records are found by the request id each answer carries in X-Request-Id.
 */
@OnEveryBackend
class AuditTrailApiTest extends BackendSuite {
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

    /** A token as issued: its id (which the audit trail names) and its secret (which it never holds). */
    record Issued(String id, String secret, String username) {
        /** The user's id, as the admin's user listing shows it. */
        String userId() {
            return ok(http.get("/admin/v1/users", sc.admin), 200).get("users").findParents("username").stream()
                    .filter(u -> u.get("username").asText().equals(username)).findFirst().orElseThrow()
                    .get("id").asText();
        }
    }

    @Test
    void everyChangeAndDownloadLinkIsRecordedWithWhenWhoWhereAndWhat() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        Issued alice = user("alice", "files", "projects", "tokens");
        Issued bob = user("bob", "files", "projects");
        SbHttp sb = new SbHttp(http, alice.secret());

        // ---- projects and members ----
        var ws = http.postJson("/v1/workspaces", alice.secret(), Map.of("name", "Audit WS"));
        String wsId = ok(ws, 201).get("workspace_id").asText();
        String wsRef = ws.json().get("project").asText();
        check(only(ws), "project.create", alice).project(wsId, wsRef).target(wsId, "Audit WS");

        var created = sb.post("/projects", Map.of("name", "Audit Two"));
        String p2 = ok(created, 201).get("id").asText();
        String p2Id = projectId(p2);
        check(only(created), "project.create", alice).project(p2Id, p2).target(p2Id, "Audit Two")
                .detail("public", "false");

        var renamed = sb.patch("/projects/" + p2, Map.of("name", "Audit Two Renamed", "public", true));
        ok(renamed, 200);
        check(only(renamed), "project.update", alice).project(p2Id, p2).target(p2Id, "Audit Two Renamed")
                .detail("name", "{\"from\":\"Audit Two\",\"to\":\"Audit Two Renamed\"}")
                .detail("public", "{\"from\":false,\"to\":true}");

        var added = sb.post("/projects/" + p2 + "/members", Map.of("username", "bob", "permissions", Map.of("read", true)));
        ok(added, 201);
        String bobId = only(added).get("target_id").asText();
        check(only(added), "member.add", alice).project(p2Id, p2).target(bobId, "bob")
                .detail("permissions", "{\"to\":[\"read\"]}");
        var changed = sb.patch("/projects/" + p2 + "/members/bob", Map.of("permissions", Map.of("write", true)));
        ok(changed, 200);
        check(only(changed), "member.update", alice).project(p2Id, p2).target(bobId, "bob")
                .detail("permissions", "{\"from\":[\"read\"],\"to\":[\"read\",\"write\"]}");
        var removed = sb.delete("/projects/" + p2 + "/members/bob");
        ok(removed, 204);
        check(only(removed), "member.remove", alice).project(p2Id, p2).target(bobId, "bob");

        // ---- uploads published, in each way there is ----
        byte[] vcf = "##fileformat=VCFv4.2\n".getBytes(StandardCharsets.UTF_8);
        var form = sc.upload(alice.secret(), wsId, "raw", "a.vcf", vcf);
        String formFile = ok(form, 201).get("file_id").asText();
        check(only(form), "file.upload", alice).project(wsId, wsRef).target(formFile, "raw/a.vcf")
                .detail("size", String.valueOf(vcf.length)).detail("sha256", "\"" + sha256(vcf) + "\"");

        var ticket = http.postJson("/v1/files/upload-url", alice.secret(), Map.of("filename", "b.bam",
                "workspace_id", wsId, "size", 3));
        ok(ticket, 201);
        assertThat(recordsOf(ticket)).as("opening an upload publishes nothing yet").isEmpty();
        putPart(ticket.json().get("uploadUrl").asText(), new byte[] {1, 2, 3});
        var confirm = http.postJson("/v1/files/upload-confirm", alice.secret(), Map.of("file_key",
                ticket.json().get("fileKey").asText(), "workspace_id", wsId, "filename", "b.bam", "size", 3));
        String confirmed = ok(confirm, 201).get("file_id").asText();
        check(only(confirm), "file.upload", alice).project(wsId, wsRef).target(confirmed, "b.bam");

        var init = sb.post("/upload/multipart", Map.of("project", p2, "name", "m.bin", "size", 5));
        String uploadId = ok(init, 200).get("upload_id").asText();
        String etag = putPart(ok(sb.get("/upload/multipart/" + uploadId + "/part/1"), 200)
                .get("url").asText(), new byte[] {1, 2, 3, 4, 5});
        ok(sb.post("/upload/multipart/" + uploadId + "/part", ClientParts.report(1, etag)), 204);
        var complete = sb.post("/upload/multipart/" + uploadId + "/complete", "null");
        String m = ok(complete, 200).get("id").asText();
        check(only(complete), "file.upload", alice).project(p2Id, p2).target(m, "m.bin")
                .detail("upload_id", "\"" + uploadId + "\"");
        assertThat(recordsOf(sb.post("/upload/multipart/" + uploadId + "/complete", "null")))
                .as("completing again publishes nothing new").isEmpty();

        // ---- download links handed out ----
        var v1Link = http.get("/v1/files/download?workspace_id=" + wsId + "&key=raw/a.vcf", alice.secret());
        ok(v1Link, 200);
        JsonNode handedOut = check(only(v1Link), "file.download_url", alice).project(wsId, wsRef)
                .target(formFile, "raw/a.vcf").record();
        assertThat(Instant.parse(handedOut.get("detail").get("expires_at").asText()).truncatedTo(ChronoUnit.SECONDS))
                .as("when the link stops working").isEqualTo(Instant.parse(v1Link.json().get("expires_at").asText()));
        var v2Link = sb.get("/files/" + m + "/download_info");
        ok(v2Link, 200);
        check(only(v2Link), "file.download_url", alice).project(p2Id, p2).target(m, "m.bin");

        // ---- renames, metadata and tags: one record per kind of change ----
        var edit = sb.patch("/files/" + m, Map.of("name", "n.bin", "metadata", Map.of("sample", "S1"),
                "tags", List.of("wgs")));
        ok(edit, 200);
        assertThat(recordsOf(edit)).extracting(r -> r.get("action").asText())
                .containsExactlyInAnyOrder("file.rename", "file.metadata", "file.tags");
        check(one(edit, "file.rename"), "file.rename", alice).project(p2Id, p2).target(m, "n.bin")
                .detail("from", "\"m.bin\"").detail("to", "\"n.bin\"");
        check(one(edit, "file.metadata"), "file.metadata", alice).target(m, "n.bin").detail("set", "[\"sample\"]");
        check(one(edit, "file.tags"), "file.tags", alice).target(m, "n.bin").detail("tags", "{\"from\":[],\"to\":[\"wgs\"]}");

        var patched = sb.patch("/files/" + m + "/metadata", Map.of("lane", "1", "sample", "S2"));
        ok(patched, 200);
        check(only(patched), "file.metadata", alice).target(m, "n.bin").detail("set", "[\"lane\",\"sample\"]");
        var replaced = sb.put("/files/" + m + "/metadata", Map.of("lane", "1"));
        ok(replaced, 200);
        check(only(replaced), "file.metadata", alice).target(m, "n.bin").detail("removed", "[\"sample\"]");
        var tagged = sb.put("/files/" + m + "/tags", List.of("a", "b"));
        ok(tagged, 200);
        check(only(tagged), "file.tags", alice).target(m, "n.bin")
                .detail("tags", "{\"from\":[\"wgs\"],\"to\":[\"a\",\"b\"]}");
        var bulkEdit = sb.post("/bulk/files/edit", Map.of("items", List.of(Map.of("id", m, "metadata",
                Map.of("run", "7")))));
        ok(bulkEdit, 200);
        check(only(bulkEdit), "file.metadata", alice).target(m, "n.bin").detail("set", "[\"run\"]");

        // ---- folders, copies, moves ----
        var folder = sb.post("/files", Map.of("name", "sub", "type", "folder", "project", p2));
        String sub = ok(folder, 200).get("id").asText();
        check(only(folder), "folder.create", alice).project(p2Id, p2).target(sub, "sub/");

        var copy = sb.post("/files/" + m + "/actions/copy", Map.of("project", wsRef, "name", "c.bin"));
        String c = ok(copy, 200).get("id").asText();
        assertThat(recordsOf(copy)).as("one record in each project").hasSize(2);
        check(recordIn(copy, wsId), "file.copy", alice).project(wsId, wsRef).target(c, "c.bin")
                .detail("from_id", "\"" + m + "\"");
        check(recordIn(copy, p2Id), "file.copy", alice).project(p2Id, p2).target(m, "n.bin")
                .detail("copy_id", "\"" + c + "\"");

        // A bulk copy records each copy as the single copy does (one record in each project), and no more.
        var bulkCopy = sb.post("/action/files/copy", Map.of("project", wsRef, "file_ids", List.of(m)));
        String bc = ok(bulkCopy, 200).get(m).get("new_file_id").asText();
        assertThat(recordsOf(bulkCopy)).as("one record in each project").hasSize(2);
        check(recordIn(bulkCopy, wsId), "file.copy", alice).project(wsId, wsRef).target(bc, "n.bin")
                .detail("from_id", "\"" + m + "\"");
        check(recordIn(bulkCopy, p2Id), "file.copy", alice).project(p2Id, p2).target(m, "n.bin")
                .detail("copy_id", "\"" + bc + "\"");

        var move = sb.post("/files/" + m + "/actions/move", Map.of("parent", sub));
        ok(move, 200);
        check(only(move), "file.move", alice).project(p2Id, p2).target(m, "sub/n.bin")
                .detail("from", "\"n.bin\"").detail("to", "\"sub/n.bin\"");

        // ---- deletes, one at a time and in bulk, in both dialects ----
        var v2Delete = sb.delete("/files/" + c);
        ok(v2Delete, 204);
        check(only(v2Delete), "file.delete", alice).project(wsId, wsRef).target(c, "c.bin");
        var v1Delete = http.delete("/v1/files?workspace_id=" + wsId + "&key=raw/a.vcf", alice.secret());
        ok(v1Delete, 204);
        check(only(v1Delete), "file.delete", alice).project(wsId, wsRef).target(formFile, "raw/a.vcf");
        var bulkDelete = sb.post("/bulk/files/delete", Map.of("file_ids", List.of(confirmed, "no-such-file")));
        ok(bulkDelete, 200);
        assertThat(recordsOf(bulkDelete)).hasSize(2);
        check(recordOf(bulkDelete, confirmed), "file.delete", alice).project(wsId, wsRef).target(confirmed, "b.bam");
        refused(recordOf(bulkDelete, "no-such-file"), "file.delete", alice, "not_found", "file_not_found");

        // ---- the trash: a restore, and emptying it ----
        var restored = sb.post("/projects/" + wsRef + "/trash/" + c + "/restore", Map.of());
        ok(restored, 200);
        check(only(restored), "file.restore", alice).project(wsId, wsRef).target(c, "c.bin")
                .detail("from", "\"c.bin\"").detail("to", "\"c.bin\"");
        var emptied = sb.delete("/projects/" + wsRef + "/trash");
        ok(emptied, 200);
        check(only(emptied), "trash.empty", alice).project(wsId, wsRef).detail("items", "2");

        // ---- tokens and users ----
        var ownToken = http.postJson("/v1/tokens", alice.secret(), Map.of("scopes", List.of("files")));
        String ownId = ok(ownToken, 201).get("id").asText();
        check(only(ownToken), "token.create", alice).project(null, null).target(ownId, "alice")
                .detail("scopes", "[\"files\"]");
        var revoked = http.delete("/v1/tokens/" + ownId, alice.secret());
        ok(revoked, 204);
        check(only(revoked), "token.revoke", alice).target(ownId, "alice");

        var newUser = http.postJson("/admin/v1/users", sc.admin, Map.of("username", "carl"));
        String carlId = ok(newUser, 201).get("id").asText();
        JsonNode userCreated = only(newUser);
        assertThat(userCreated.get("username").asText()).isEqualTo("admin");
        assertThat(userCreated.get("token_id").asText()).startsWith("tok_");
        assertThat(userCreated.get("action").asText()).isEqualTo("user.create");
        assertThat(userCreated.get("target_id").asText()).isEqualTo(carlId);
        var adminToken = http.postJson("/admin/v1/tokens", sc.admin, Map.of("username", "carl", "scopes",
                List.of("files")));
        String carlToken = ok(adminToken, 201).get("id").asText();
        JsonNode issued = only(adminToken);
        assertThat(issued.get("action").asText()).isEqualTo("token.create");
        assertThat(issued.get("target_id").asText()).isEqualTo(carlToken);
        assertThat(issued.get("target").asText()).as("whose token it is").isEqualTo("carl");

        // ---- a project deleted ----
        String empty = sc.project(bob.secret(), "Short Lived", false).get("id").asText();
        String emptyId = projectId(empty);
        var dropped = new SbHttp(http, bob.secret()).delete("/projects/" + empty);
        ok(dropped, 204);
        check(only(dropped), "project.delete", bob).project(emptyId, empty).target(emptyId, "Short Lived");

        // Every record of this test is recent, and no secret is anywhere in the trail.
        String whole = allRecords().toString();
        for (String secret : List.of(alice.secret(), bob.secret(), ownToken.json().get("token").asText(),
                adminToken.json().get("token").asText(), sc.admin)) {
            assertThat(whole).doesNotContain(secret);
        }
        assertThat(Instant.parse(only(dropped).get("at").asText())).isAfter(before).isBefore(Instant.now().plusSeconds(1));
    }

    @Test
    void refusedRequestsAreRecordedWithTheirOutcomeAndChangeNothing() {
        Issued dana = user("dana", "files", "projects");
        Issued ed = user("ed", "files", "projects");
        Issued eve = user("eve", "files", "projects");
        Issued danaNoFiles = token("dana", "projects");
        String project = sc.project(dana.secret(), "Refusals", false).get("id").asText();
        String projectId = projectId(project);
        sc.addMember(dana.secret(), project, "ed", Map.of("read", true));
        String fileId = ok(sc.upload(dana.secret(), projectId, "raw", "keep.vcf", new byte[] {1}), 201)
                .get("file_id").asText();

        // A stranger deleting: 404 (the project's existence does not leak), recorded in that project.
        var stranger = new SbHttp(http, eve.secret()).delete("/files/" + fileId);
        assertThat(stranger.status()).isEqualTo(404);
        refused(only(stranger), "file.delete", eve, "not_found", "file_not_found").project(projectId, project)
                .target(fileId, "raw/keep.vcf");

        // A stranger starting an upload there: 404 as well, recorded as a refused upload.
        var strangerUpload = new SbHttp(http, eve.secret()).post("/upload/multipart", Map.of("project", project,
                "name", "intruder.bin", "size", 1));
        assertThat(strangerUpload.status()).isEqualTo(404);
        refused(only(strangerUpload), "file.upload", eve, "not_found", "project_not_found").project(projectId, project)
                .detail("stage", "\"open\"");
        // A reader uploading: 403 when the upload opens.
        var readerUpload = new SbHttp(http, ed.secret()).post("/upload/multipart", Map.of("project", project,
                "name", "reader.bin", "size", 1));
        assertThat(readerUpload.status()).isEqualTo(403);
        refused(only(readerUpload), "file.upload", ed, "denied", "forbidden").project(projectId, project)
                .target(null, "reader.bin");

        // Confirming someone else's upload, and one's own under another name (v1).
        JsonNode ticket = ok(http.postJson("/v1/files/upload-url", dana.secret(), Map.of("filename", "t.bam",
                "workspace_id", projectId, "size", 2)), 201);
        Map<String, Object> confirm = Map.of("file_key", ticket.get("fileKey").asText(), "workspace_id", projectId,
                "filename", "t.bam", "size", 2);
        var othersUpload = http.postJson("/v1/files/upload-confirm", eve.secret(), confirm);
        assertThat(othersUpload.status()).isEqualTo(403);
        refused(only(othersUpload), "file.upload", eve, "denied", "upload_forbidden").project(projectId, project)
                .target(ticket.get("uploadId").asText(), "t.bam");
        var renamedConfirm = http.postJson("/v1/files/upload-confirm", dana.secret(), Map.of("file_key",
                ticket.get("fileKey").asText(), "workspace_id", projectId, "filename", "other.bam", "size", 2));
        assertThat(renamedConfirm.status()).isEqualTo(404);
        refused(only(renamedConfirm), "file.upload", dana, "not_found", "upload_not_found").project(projectId, project);

        // A reader renaming: 403 in the Seven Bridges dialect.
        var reader = new SbHttp(http, ed.secret()).patch("/files/" + fileId, Map.of("name", "gone.vcf"));
        assertThat(reader.status()).isEqualTo(403);
        refused(only(reader), "file.rename", ed, "denied", "forbidden").project(projectId, project)
                .target(fileId, "raw/keep.vcf").detail("name", "\"gone.vcf\"");

        // A token without the files scope, in the v1 dialect: deleting, uploading, bulk deleting.
        var noScope = http.delete("/v1/files?workspace_id=" + projectId + "&key=raw/keep.vcf", danaNoFiles.secret());
        assertThat(noScope.status()).isEqualTo(403);
        refused(only(noScope), "file.delete", danaNoFiles, "denied", "missing_scope").project(projectId, project)
                .target(fileId, "raw/keep.vcf");
        var noScopeUpload = sc.upload(danaNoFiles.secret(), projectId, "raw", "x.vcf", new byte[] {2});
        assertThat(noScopeUpload.status()).isEqualTo(403);
        refused(only(noScopeUpload), "file.upload", danaNoFiles, "denied", "missing_scope");
        var noScopeBulk = new SbHttp(http, danaNoFiles.secret()).post("/bulk/files/delete",
                Map.of("file_ids", List.of(fileId, fileId)));
        assertThat(noScopeBulk.status()).isEqualTo(403);
        refused(only(noScopeBulk), "file.delete", danaNoFiles, "denied", "missing_scope").detail("items", "2");

        // Conflicts: a folder that exists, a project that is not empty, the last admin.
        SbHttp owner = new SbHttp(http, dana.secret());
        var folder = owner.post("/files", Map.of("name", "raw", "type", "folder", "project", project));
        assertThat(folder.status()).isEqualTo(409);
        refused(only(folder), "folder.create", dana, "conflict", "folder_exists").project(projectId, project)
                .detail("name", "\"raw\"");
        var notEmpty = owner.delete("/projects/" + project);
        assertThat(notEmpty.status()).isEqualTo(409);
        refused(only(notEmpty), "project.delete", dana, "conflict", "project_not_empty").project(projectId, project);
        var lastAdmin = owner.delete("/projects/" + project + "/members/dana");
        assertThat(lastAdmin.status()).isEqualTo(409);
        refused(only(lastAdmin), "member.remove", dana, "conflict", "last_admin").project(projectId, project)
                .target(dana.userId(), "dana");

        // Invalid input reaching the service, and tokens: an unknown one revoked, a scope not held asked for.
        var badName = owner.patch("/files/" + fileId, Map.of("name", "a/b"));
        assertThat(badName.status()).isEqualTo(400);
        refused(only(badName), "file.rename", dana, "invalid", "invalid_name").target(fileId, "raw/keep.vcf");
        var unknownToken = http.delete("/v1/tokens/tok_nothing", user("fay", "tokens").secret());
        assertThat(unknownToken.status()).isEqualTo(404);
        assertThat(only(unknownToken).get("outcome").asText()).isEqualTo("not_found");
        var widerToken = http.postJson("/v1/tokens", dana.secret(), Map.of("scopes", List.of("admin")));
        assertThat(widerToken.status()).isEqualTo(403);
        refused(only(widerToken), "token.create", dana, "denied", "missing_scope");

        // Nothing changed: the file is where it was, under its name.
        JsonNode file = ok(owner.get("/files/" + fileId), 200);
        assertThat(file.get("name").asText()).isEqualTo("keep.vcf");
    }

    @Test
    void projectAdminsReadTheirProjectsRecordsAndNobodyElses() {
        Issued gail = user("gail", "files", "projects");
        Issued hank = user("hank", "files", "projects");
        Issued ivan = user("ivan", "files", "projects");
        Issued stranger = user("jack", "files", "projects");
        Issued gailFilesOnly = token("gail", "files");
        String p = sc.project(gail.secret(), "Gails", false).get("id").asText();
        String pId = projectId(p);
        String q = sc.project(hank.secret(), "Hanks", false).get("id").asText();
        sc.addMember(gail.secret(), p, "ivan", Map.of("read", true));
        String file = ok(sc.upload(gail.secret(), pId, null, "g.vcf", new byte[] {1}), 201).get("file_id").asText();
        ok(new SbHttp(http, gail.secret()).patch("/files/" + file, Map.of("name", "h.vcf")), 200);
        ok(sc.upload(hank.secret(), projectId(q), null, "q.vcf", new byte[] {1}), 201);
        var probe = new SbHttp(http, stranger.secret()).delete("/files/" + file);
        assertThat(probe.status()).isEqualTo(404);

        List<JsonNode> seen = walk("/v2/projects/" + p + "/audit", gail.secret(), 2);
        assertThat(seen).extracting(r -> r.get("project_id").asText()).containsOnly(pId);
        assertThat(seen).extracting(r -> r.get("action").asText() + " " + r.get("outcome").asText()).containsExactly(
                "file.delete not_found", "file.rename ok", "file.upload ok", "member.add ok", "project.create ok");
        assertThat(seen.get(0).get("username").asText()).as("a stranger's probe is shown to the project's admins")
                .isEqualTo("jack");
        assertThat(walk("/admin/v1/audit?project=" + p, sc.admin, 100)).isEqualTo(seen);
        assertThat(walk("/admin/v1/audit?project=" + pId, sc.admin, 100)).isEqualTo(seen);

        // Filters: by action (or its group), by user, by time.
        assertThat(walk("/v2/projects/" + p + "/audit?action=file.rename", gail.secret(), 10))
                .extracting(r -> r.get("action").asText()).containsExactly("file.rename");
        assertThat(walk("/v2/projects/" + p + "/audit?action=file.*", gail.secret(), 10)).hasSize(3);
        assertThat(walk("/v2/projects/" + p + "/audit?action=file", gail.secret(), 10)).hasSize(3);
        assertThat(walk("/v2/projects/" + p + "/audit?user=jack", gail.secret(), 10)).hasSize(1);
        Instant renamedAt = Instant.parse(seen.get(1).get("at").asText());
        assertThat(walk("/v2/projects/" + p + "/audit?since=" + q(renamedAt.toString()), gail.secret(), 10))
                .extracting(r -> r.get("action").asText()).containsExactly("file.delete", "file.rename");
        assertThat(walk("/v2/projects/" + p + "/audit?until=" + q(renamedAt.toString()), gail.secret(), 10))
                .extracting(r -> r.get("action").asText()).containsExactly("file.upload", "member.add", "project.create");

        // Nobody else: a reader, a stranger, a token without the projects scope, a project admin asking for all.
        assertThat(new SbHttp(http, ivan.secret()).get("/projects/" + p + "/audit").status()).isEqualTo(403);
        assertThat(new SbHttp(http, stranger.secret()).get("/projects/" + p + "/audit").status()).isEqualTo(404);
        assertThat(new SbHttp(http, hank.secret()).get("/projects/" + p + "/audit").status()).isEqualTo(404);
        var filesOnly = new SbHttp(http, gailFilesOnly.secret()).get("/projects/" + p + "/audit");
        assertThat(filesOnly.status()).isEqualTo(403);
        assertThat(filesOnly.json().get("message").asText()).contains("'projects' scope");
        var notAdmin = http.get("/admin/v1/audit?project=" + p, gail.secret());
        assertThat(notAdmin.status()).isEqualTo(403);
        assertThat(notAdmin.json().get("error").get("code").asText()).isEqualTo("missing_scope");
    }

    @Test
    void badQueriesAre4xxInTheirDialect() {
        Issued kim = user("kim", "files", "projects");
        String p = sc.project(kim.secret(), "Queries", false).get("id").asText();
        for (String query : List.of("action=file.explode", "since=yesterday", "until=2025-13-01", "cursor=%21%21",
                "limit=0", "limit=1001", "since=2025-02-01&until=2025-01-01", "user=BAD%20NAME")) {
            var admin = http.get("/admin/v1/audit?" + query, sc.admin);
            assertThat(admin.status()).as(query + ": " + admin.json()).isEqualTo(400);
            assertThat(admin.json().get("error").get("request_id").asText()).startsWith("req_");
            var project = new SbHttp(http, kim.secret()).get("/projects/" + p + "/audit?" + query);
            assertThat(project.status()).as(query + ": " + project.json()).isEqualTo(400);
            assertThat(project.json().get("status").asInt()).isEqualTo(400);
        }
        assertThat(http.get("/admin/v1/audit?action=nope", sc.admin).json().get("error").get("message").asText())
                .contains("file.delete").contains("file.*");
        assertThat(http.get("/admin/v1/audit?user=nobody-here", sc.admin).status()).isEqualTo(404);
        assertThat(http.get("/admin/v1/audit?project=nobody/nothing", sc.admin).status()).isEqualTo(404);
        assertThat(new SbHttp(http, kim.secret()).get("/projects/" + p + "/audit?project=" + p).status()).isEqualTo(400);
        // A date is the start of its day (UTC); an offset is honoured.
        assertThat(http.get("/admin/v1/audit?since=2025-01-31&until=2025-02-01T01:00:00%2B01:00", sc.admin).status())
                .isEqualTo(200);
    }

    // ---- helpers ----

    private static Issued user(String username, String... scopes) {
        ok(http.postJson("/admin/v1/users", sc.admin, Map.of("username", username)), 201);
        return token(username, scopes);
    }

    private static Issued token(String username, String... scopes) {
        JsonNode t = ok(http.postJson("/admin/v1/tokens", sc.admin, Map.of("username", username, "scopes",
                List.of(scopes))), 201);
        return new Issued(t.get("id").asText(), t.get("token").asText(), username);
    }

    /** The workspace id of a project, from its Seven Bridges view. */
    private static String projectId(String ref) {
        return ok(http.get("/v1/workspaces?limit=1000", sc.admin), 200).findParents("project").stream()
                .filter(w -> w.get("project").asText().equals(ref)).findFirst().orElseThrow()
                .get("workspace_id").asText();
    }

    /** Every record, newest first, through the admin listing's pages. */
    private static List<JsonNode> allRecords() {
        return walk("/admin/v1/audit", sc.admin, 1000);
    }

    /** Every record of a listing, following next_cursor with pages of {@code limit}. */
    private static List<JsonNode> walk(String path, String token, int limit) {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        String sep = path.contains("?") ? "&" : "?";
        do {
            String url = path + sep + "limit=" + limit + (cursor == null ? "" : "&cursor=" + cursor);
            TestHttp.Response r = path.startsWith("/v2/") ? new SbHttp(http, token).get(url.substring(3))
                    : http.get(url, token);
            JsonNode page = ok(r, 200);
            assertThat(page.get("records").size()).isLessThanOrEqualTo(limit);
            page.get("records").forEach(all::add);
            cursor = page.get("next_cursor").isNull() ? null : page.get("next_cursor").asText();
        } while (cursor != null);
        return all;
    }

    private static List<JsonNode> recordsOf(TestHttp.Response r) {
        String requestId = r.header("X-Request-Id");
        assertThat(requestId).startsWith("req_");
        return allRecords().stream().filter(n -> requestId.equals(n.path("request_id").asText())).toList();
    }

    private static JsonNode only(TestHttp.Response r) {
        List<JsonNode> records = recordsOf(r);
        assertThat(records).as("records of %s", r.header("X-Request-Id")).hasSize(1);
        return records.get(0);
    }

    private static JsonNode one(TestHttp.Response r, String action) {
        return recordsOf(r).stream().filter(n -> n.get("action").asText().equals(action)).findFirst().orElseThrow();
    }

    private static JsonNode recordIn(TestHttp.Response r, String projectId) {
        return recordsOf(r).stream().filter(n -> n.get("project_id").asText().equals(projectId)).findFirst()
                .orElseThrow();
    }

    private static JsonNode recordOf(TestHttp.Response r, String targetId) {
        return recordsOf(r).stream().filter(n -> n.get("target_id").asText().equals(targetId)).findFirst()
                .orElseThrow();
    }

    /** Checks a record of a change that went through. */
    private static Check check(JsonNode record, String action, Issued by) {
        return common(record, action, by).outcome("ok", null);
    }

    /** Checks a record of a refused request. */
    private static Check refused(JsonNode record, String action, Issued by, String outcome, String problem) {
        return common(record, action, by).outcome(outcome, problem);
    }

    /** Checks the fields every record has: action, who, through which token, from where, when. */
    private static Check common(JsonNode record, String action, Issued by) {
        assertThat(record.get("action").asText()).as("action of %s", record).isEqualTo(action);
        assertThat(record.get("username").asText()).as("user of %s", record).isEqualTo(by.username());
        assertThat(record.get("user_id").asText()).startsWith("usr_");
        assertThat(record.get("token_id").asText()).as("token of %s", record).isEqualTo(by.id());
        assertThat(record.get("client_address").asText()).isEqualTo("127.0.0.1");
        assertThat(record.get("id").asText()).startsWith("aud_");
        assertThat(Duration.between(Instant.parse(record.get("at").asText()), Instant.now()).abs())
                .isLessThan(Duration.ofMinutes(5));
        return new Check(record);
    }

    private record Check(JsonNode record) {
        Check outcome(String outcome, String problem) {
            assertThat(record.get("outcome").asText()).as("outcome of %s", record).isEqualTo(outcome);
            if (problem == null) {
                assertThat(record.get("problem").isNull()).as("problem of %s", record).isTrue();
            } else {
                assertThat(record.get("problem").asText()).as("problem of %s", record).isEqualTo(problem);
                assertThat(record.get("detail").get("message").asText()).isNotBlank();
            }
            return this;
        }

        Check project(String id, String ref) {
            assertThat(record.get("project_id").isNull() ? null : record.get("project_id").asText())
                    .as("project id of %s", record).isEqualTo(id);
            assertThat(record.get("project").isNull() ? null : record.get("project").asText())
                    .as("project of %s", record).isEqualTo(ref);
            return this;
        }

        Check target(String id, String name) {
            assertThat(record.get("target_id").isNull() ? null : record.get("target_id").asText())
                    .as("target id of %s", record).isEqualTo(id);
            assertThat(record.get("target").asText()).as("target of %s", record).isEqualTo(name);
            return this;
        }

        /** A detail field, as JSON text. */
        Check detail(String field, String json) {
            assertThat(record.path("detail").path(field).toString()).as("detail of %s", record).isEqualTo(json);
            return this;
        }
    }

    /** PUTs bytes to a presigned URL as a client does: no token; returns the ETag without quotes. */
    private static String putPart(String url, byte[] bytes) {
        TestHttp.Response put = http.send("PUT", url, null, null, bytes);
        assertThat(put.status()).isEqualTo(200);
        return put.header("ETag").replace("\"", "");
    }

    private static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] b) throws Exception {
        return SbUploadApiTest.sha256(b);
    }
}
