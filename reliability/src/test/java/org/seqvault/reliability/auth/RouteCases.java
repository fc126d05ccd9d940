package org.seqvault.reliability.auth;

import static org.seqvault.reliability.auth.Need.Access.ADMIN;
import static org.seqvault.reliability.auth.Need.Access.ANY;
import static org.seqvault.reliability.auth.Need.Access.COPY;
import static org.seqvault.reliability.auth.Need.Access.DRS_AUTH_INFO;
import static org.seqvault.reliability.auth.Need.Access.DRS_PUBLIC_READ;
import static org.seqvault.reliability.auth.Need.Access.DRS_READ;
import static org.seqvault.reliability.auth.Need.Access.OWN_TOKEN;
import static org.seqvault.reliability.auth.Need.Access.PROJECT_ADMIN;
import static org.seqvault.reliability.auth.Need.Access.PUBLIC;
import static org.seqvault.reliability.auth.Need.Access.READ;
import static org.seqvault.reliability.auth.Need.Access.SIGNED_URL;
import static org.seqvault.reliability.auth.Need.Access.UPLOAD_OWNER;
import static org.seqvault.reliability.auth.Need.Access.WRITE;
import static org.seqvault.reliability.auth.Need.Scope.FILES;
import static org.seqvault.reliability.auth.Need.Scope.NONE;
import static org.seqvault.reliability.auth.Need.Scope.PROJECTS;
import static org.seqvault.reliability.auth.Need.Scope.TOKENS;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One case per route of the server. The matrix test fails for a route the server has and this
 * table lacks, so a new route cannot escape the matrix: whoever adds one must say here what it needs.
 */
final class RouteCases {
    private RouteCases() {
    }

    static List<RouteCase> all() {
        List<RouteCase> all = new ArrayList<>();
        all.addAll(infrastructure());
        all.addAll(v1Files());
        all.addAll(accounts());
        all.addAll(projects());
        all.addAll(v2Files());
        all.addAll(bulk());
        all.addAll(asyncJobs());
        all.addAll(uploads());
        all.addAll(drs());
        all.addAll(htsget());
        return all;
    }

    private static List<RouteCase> infrastructure() {
        return List.of(
                RouteCase.of("GET", "/healthz", Need.of(NONE, PUBLIC), 200, (w, c) -> Request.of("GET", "/healthz")),
                RouteCase.of("GET", "/openapi.json", Need.of(NONE, PUBLIC), 200, (w, c) -> Request.of("GET", "/openapi.json")),
                // The web file browser's page and assets: public (they carry no data; the page signs in through the APIs).
                RouteCase.of("GET", "/", Need.of(NONE, PUBLIC), 200, (w, c) -> Request.of("GET", "/")),
                RouteCase.of("GET", "/assets/{name}", Need.of(NONE, PUBLIC), 200,
                        (w, c) -> Request.of("GET", webScriptPath(w))),
                RouteCase.of("GET", "/metrics", Need.of(Need.Scope.ADMIN, ADMIN), 200, (w, c) -> Request.of("GET", "/metrics")),
                RouteCase.of("PUT", "/_blob/up/{upload}/{part}", Need.of(NONE, SIGNED_URL), 200,
                        (w, c) -> new Request("PUT", "/_blob/up/" + w.uploadId + "/1", "application/octet-stream",
                                "hello".getBytes(StandardCharsets.UTF_8))),
                RouteCase.of("GET", "/_blob/dl/{file}/{name}", Need.of(NONE, SIGNED_URL), 200,
                        (w, c) -> Request.of("GET", downloadPath(w))),
                RouteCase.of("HEAD", "/_blob/dl/{file}/{name}", Need.of(NONE, SIGNED_URL), 200,
                        (w, c) -> Request.of("HEAD", downloadPath(w))),
                RouteCase.of("GET", "/v2/rate_limit", Need.of(NONE, ANY), 200, (w, c) -> Request.of("GET", "/v2/rate_limit")),
                RouteCase.of("GET", "/v2/user", Need.of(NONE, ANY), 200, (w, c) -> Request.of("GET", "/v2/user")),
                // A user is shown to themself and to an admin; to anyone else it is not found.
                RouteCase.of("GET", "/v2/users/{username}", Need.of(NONE, OWN_TOKEN), 200,
                        (w, c) -> Request.of("GET", "/v2/users/zeta-owner")));
    }

    private static List<RouteCase> v1Files() {
        return List.of(
                RouteCase.of("GET", "/v1/files", Need.of(FILES, READ), 200,
                        (w, c) -> Request.of("GET", "/v1/files?workspace_id=" + w.workspaceId)),
                RouteCase.of("POST", "/v1/files/upload", Need.of(FILES, WRITE), 201,
                        (w, c) -> Bodies.form("/v1/files/upload", w.workspaceId, World.FOLDER_NAME + "/",
                                w.unique("matrix-form") + ".txt")),
                RouteCase.of("GET", "/v1/files/download", Need.of(FILES, READ), 200,
                        (w, c) -> Request.of("GET", "/v1/files/download?workspace_id=" + w.workspaceId + "&key="
                                + encode(w.fileKey))),
                RouteCase.of("DELETE", "/v1/files", Need.of(FILES, WRITE), 204,
                        (w, c) -> Request.of("DELETE", "/v1/files?workspace_id=" + w.workspaceId + "&key="
                                + encode(w.freshFile().get("key").asText()))),
                RouteCase.of("POST", "/v1/files/upload-url", Need.of(FILES, WRITE), 201,
                        (w, c) -> Bodies.json("POST", "/v1/files/upload-url", Map.of("filename",
                                w.unique("matrix-url") + ".txt", "workspace_id", w.workspaceId, "size", 5))),
                RouteCase.of("POST", "/v1/files/upload-confirm", Need.of(FILES, UPLOAD_OWNER), 201, (w, c) -> {
                    Map<String, String> sent = w.sentV1Upload();
                    return Bodies.json("POST", "/v1/files/upload-confirm", Map.of("file_key", sent.get("fileKey"),
                            "workspace_id", w.workspaceId, "filename", sent.get("filename"),
                            "size", Integer.parseInt(sent.get("size"))));
                }));
    }

    private static List<RouteCase> accounts() {
        return List.of(
                RouteCase.of("POST", "/v1/tokens", Need.of(TOKENS, ANY), 201,
                        (w, c) -> Bodies.json("POST", "/v1/tokens", Map.of("scopes", c.scopes()))),
                RouteCase.of("GET", "/v1/tokens", Need.of(TOKENS, ANY), 200, (w, c) -> Request.of("GET", "/v1/tokens")),
                RouteCase.of("DELETE", "/v1/tokens/{id}", Need.of(TOKENS, OWN_TOKEN), 204,
                        (w, c) -> Request.of("DELETE", "/v1/tokens/" + w.freshOwnerTokenId())),
                RouteCase.of("GET", "/v1/workspaces", Need.of(NONE, ANY), 200, (w, c) -> Request.of("GET", "/v1/workspaces")),
                RouteCase.of("POST", "/v1/workspaces", Need.of(PROJECTS, ANY), 201,
                        (w, c) -> Bodies.json("POST", "/v1/workspaces", Map.of("name", w.unique("matrix-ws")))),
                RouteCase.of("POST", "/admin/v1/users", Need.of(Need.Scope.ADMIN, ADMIN), 201,
                        (w, c) -> Bodies.json("POST", "/admin/v1/users", Map.of("username", w.unique("matrix-user")))),
                RouteCase.of("GET", "/admin/v1/users", Need.of(Need.Scope.ADMIN, ADMIN), 200,
                        (w, c) -> Request.of("GET", "/admin/v1/users")),
                RouteCase.of("POST", "/admin/v1/tokens", Need.of(Need.Scope.ADMIN, ADMIN), 201,
                        (w, c) -> Bodies.json("POST", "/admin/v1/tokens", Map.of("username", "zeta-extra",
                                "scopes", List.of("files")))),
                RouteCase.of("GET", "/admin/v1/audit", Need.of(Need.Scope.ADMIN, ADMIN), 200,
                        (w, c) -> Request.of("GET", "/admin/v1/audit?limit=5")),
                RouteCase.of("GET", "/admin/v1/projects/{owner}/{slug}/quota", Need.of(Need.Scope.ADMIN, ADMIN), 200,
                        (w, c) -> Request.of("GET", "/admin/v1/projects/" + w.projectId + "/quota")),
                // No limits: the world's other calls must not be refused for room.
                RouteCase.of("PUT", "/admin/v1/projects/{owner}/{slug}/quota", Need.of(Need.Scope.ADMIN, ADMIN), 200,
                        (w, c) -> new Request("PUT", "/admin/v1/projects/" + w.projectId + "/quota", "application/json",
                                "{\"bytes\": null, \"files\": null}".getBytes(StandardCharsets.UTF_8))),
                RouteCase.of("POST", "/admin/v1/extract-metadata", Need.of(Need.Scope.ADMIN, ADMIN), 202,
                        (w, c) -> Bodies.json("POST", "/admin/v1/extract-metadata", Map.of("project", w.projectId))));
    }

    private static List<RouteCase> projects() {
        String project = "/v2/projects/{owner}/{slug}";
        return List.of(
                RouteCase.of("POST", "/v2/projects", Need.of(PROJECTS, ANY), 201,
                        (w, c) -> Bodies.json("POST", "/v2/projects", Map.of("name", w.unique("matrix-project")))),
                RouteCase.of("GET", "/v2/projects", Need.of(NONE, ANY), 200, (w, c) -> Request.of("GET", "/v2/projects")),
                // Anyone may ask; the list holds only the owner's projects the caller can read.
                RouteCase.of("GET", "/v2/projects/{owner}", Need.of(NONE, ANY), 200,
                        (w, c) -> Request.of("GET", "/v2/projects/zeta-owner")),
                RouteCase.of("GET", project, Need.of(NONE, READ), 200,
                        (w, c) -> Request.of("GET", "/v2/projects/" + w.projectId)),
                RouteCase.of("PATCH", project, Need.of(PROJECTS, PROJECT_ADMIN), 200,
                        (w, c) -> Bodies.json("PATCH", "/v2/projects/" + w.projectId, Map.of("description", "patched"))),
                RouteCase.of("DELETE", project, Need.of(PROJECTS, PROJECT_ADMIN), 204,
                        (w, c) -> Request.of("DELETE", "/v2/projects/" + w.freshProject())),
                RouteCase.of("GET", project + "/files", Need.of(FILES, READ), 200,
                        (w, c) -> Request.of("GET", "/v2/projects/" + w.projectId + "/files")),
                RouteCase.of("GET", project + "/members", Need.of(NONE, READ), 200,
                        (w, c) -> Request.of("GET", "/v2/projects/" + w.projectId + "/members")),
                RouteCase.of("POST", project + "/members", Need.of(PROJECTS, PROJECT_ADMIN), 201,
                        (w, c) -> Bodies.json("POST", "/v2/projects/" + w.projectId + "/members",
                                Map.of("username", w.freshUser(), "permissions", Map.of("read", true)))),
                RouteCase.of("GET", project + "/members/{username}", Need.of(NONE, READ), 200,
                        (w, c) -> Request.of("GET", "/v2/projects/" + w.projectId + "/members/zeta-extra")),
                RouteCase.of("PATCH", project + "/members/{username}", Need.of(PROJECTS, PROJECT_ADMIN), 200,
                        (w, c) -> Bodies.json("PATCH", "/v2/projects/" + w.projectId + "/members/zeta-extra",
                                Map.of("permissions", Map.of("read", true)))),
                RouteCase.of("PATCH", project + "/members/{username}/permissions", Need.of(PROJECTS, PROJECT_ADMIN), 200,
                        (w, c) -> Bodies.json("PATCH", "/v2/projects/" + w.projectId + "/members/zeta-extra/permissions",
                                Map.of("read", true))),
                RouteCase.of("DELETE", project + "/members/{username}", Need.of(PROJECTS, PROJECT_ADMIN), 204,
                        (w, c) -> Request.of("DELETE", "/v2/projects/" + w.projectId + "/members/" + w.freshMember())),
                RouteCase.of("GET", project + "/trash", Need.of(FILES, READ), 200,
                        (w, c) -> Request.of("GET", "/v2/projects/" + w.projectId + "/trash")),
                RouteCase.of("POST", project + "/trash/{id}/restore", Need.of(FILES, WRITE), 200,
                        (w, c) -> Request.json("POST", "/v2/projects/" + w.projectId + "/trash/" + w.freshTrashItem()
                                + "/restore", "{}")),
                RouteCase.of("DELETE", project + "/trash", Need.of(FILES, PROJECT_ADMIN), 200,
                        (w, c) -> Request.of("DELETE", "/v2/projects/" + w.projectId + "/trash")),
                RouteCase.of("GET", project + "/audit", Need.of(PROJECTS, PROJECT_ADMIN), 200,
                        (w, c) -> Request.of("GET", "/v2/projects/" + w.projectId + "/audit?limit=5")));
    }

    private static List<RouteCase> v2Files() {
        String file = "/v2/files/{id}";
        return List.of(
                RouteCase.of("GET", "/v2/files/scroll", Need.of(FILES, READ), 200,
                        (w, c) -> Request.of("GET", "/v2/files/scroll?project=" + w.projectId + "&token=init")),
                RouteCase.of("GET", "/v2/files", Need.of(FILES, READ), 200,
                        (w, c) -> Request.of("GET", "/v2/files?project=" + w.projectId)),
                RouteCase.of("POST", "/v2/files", Need.of(FILES, WRITE), 200,
                        (w, c) -> Bodies.json("POST", "/v2/files", Map.of("name", w.unique("matrix-folder"),
                                "type", "folder", "parent", w.folderId))),
                RouteCase.of("GET", file, Need.of(FILES, READ), 200, (w, c) -> Request.of("GET", "/v2/files/" + w.fileId)),
                RouteCase.of("PATCH", file, Need.of(FILES, WRITE), 200,
                        (w, c) -> Bodies.json("PATCH", "/v2/files/" + w.freshFile().get("file_id").asText(),
                                Map.of("name", w.unique("matrix-renamed") + ".vcf"))),
                RouteCase.of("DELETE", file, Need.of(FILES, WRITE), 204,
                        (w, c) -> Request.of("DELETE", "/v2/files/" + w.freshFile().get("file_id").asText())),
                RouteCase.of("GET", file + "/metadata", Need.of(FILES, READ), 200,
                        (w, c) -> Request.of("GET", "/v2/files/" + w.fileId + "/metadata")),
                RouteCase.of("PATCH", file + "/metadata", Need.of(FILES, WRITE), 200,
                        (w, c) -> Bodies.json("PATCH", "/v2/files/" + w.fileId + "/metadata", Map.of("sample", "S1"))),
                RouteCase.of("PUT", file + "/metadata", Need.of(FILES, WRITE), 200,
                        (w, c) -> Bodies.json("PUT", "/v2/files/" + w.fileId + "/metadata", Map.of("sample", "S1"))),
                RouteCase.of("PUT", file + "/tags", Need.of(FILES, WRITE), 200,
                        (w, c) -> Bodies.json("PUT", "/v2/files/" + w.fileId + "/tags", List.of("matrix"))),
                RouteCase.of("POST", file + "/actions/copy", Need.of(FILES, COPY), 200,
                        (w, c) -> Bodies.json("POST", "/v2/files/" + w.fileId + "/actions/copy",
                                Map.of("parent", w.folderId, "name", w.unique("matrix-copy") + ".vcf"))),
                RouteCase.of("POST", file + "/actions/move", Need.of(FILES, WRITE), 200,
                        (w, c) -> Bodies.json("POST", "/v2/files/" + w.freshFile().get("file_id").asText()
                                + "/actions/move", Map.of("parent", w.rootFolderId))),
                RouteCase.of("GET", file + "/list", Need.of(FILES, READ), 200,
                        (w, c) -> Request.of("GET", "/v2/files/" + w.folderId + "/list")),
                RouteCase.of("GET", file + "/scroll", Need.of(FILES, READ), 200,
                        (w, c) -> Request.of("GET", "/v2/files/" + w.folderId + "/scroll")),
                RouteCase.of("GET", file + "/download_info", Need.of(FILES, READ), 200,
                        (w, c) -> Request.of("GET", "/v2/files/" + w.fileId + "/download_info")));
    }

    /**
     * A submit is accepted from any caller with the files scope (each item is checked when the job runs);
     * a job is read by its submitter (and the admin) alone, everyone else finds none.
     */
    private static List<RouteCase> asyncJobs() {
        String base = "/v2/async/files";
        return List.of(
                RouteCase.of("GET", base, Need.of(FILES, ANY), 200, (w, c) -> Request.of("GET", base)),
                RouteCase.of("POST", base + "/copy", Need.of(FILES, ANY), 200,
                        (w, c) -> Bodies.json("POST", base + "/copy",
                                Map.of("items", List.of(Map.of("file", w.fileId, "parent", w.folderId))))),
                RouteCase.of("POST", base + "/move", Need.of(FILES, ANY), 200,
                        (w, c) -> Bodies.json("POST", base + "/move", Map.of("items", List.of(
                                Map.of("file", w.freshFile().get("file_id").asText(), "parent", w.rootFolderId))))),
                RouteCase.of("POST", base + "/delete", Need.of(FILES, ANY), 200,
                        (w, c) -> Bodies.json("POST", base + "/delete",
                                Map.of("items", List.of(Map.of("file", w.freshFile().get("file_id").asText()))))),
                RouteCase.of("GET", base + "/copy/{id}", Need.of(FILES, OWN_TOKEN), 200,
                        (w, c) -> Request.of("GET", base + "/copy/" + w.ownerJob("copy"))),
                RouteCase.of("GET", base + "/move/{id}", Need.of(FILES, OWN_TOKEN), 200,
                        (w, c) -> Request.of("GET", base + "/move/" + w.ownerJob("move"))),
                RouteCase.of("GET", base + "/delete/{id}", Need.of(FILES, OWN_TOKEN), 200,
                        (w, c) -> Request.of("GET", base + "/delete/" + w.ownerJob("delete"))));
    }

    private static List<RouteCase> bulk() {
        return List.of(
                RouteCase.bulk("/v2/bulk/files/get", READ,
                        (w, c) -> Bodies.json("POST", "/v2/bulk/files/get", Map.of("file_ids", List.of(w.fileId)))),
                RouteCase.bulk("/v2/bulk/files/delete", WRITE,
                        (w, c) -> Bodies.json("POST", "/v2/bulk/files/delete",
                                Map.of("file_ids", List.of(w.freshFile().get("file_id").asText())))),
                RouteCase.bulk("/v2/bulk/files/update", WRITE,
                        (w, c) -> Bodies.json("POST", "/v2/bulk/files/update",
                                Map.of("items", List.of(Map.of("id", w.fileId, "tags", List.of("bulk")))))),
                RouteCase.bulk("/v2/bulk/files/edit", WRITE,
                        (w, c) -> Bodies.json("POST", "/v2/bulk/files/edit",
                                Map.of("items", List.of(Map.of("id", w.fileId, "metadata", Map.of("bulk", "yes")))))),
                // The destination project is the whole call's (write needed, else 403, or 404 when hidden);
                // each id then needs copy in its own project and fails alone in the keyed answer.
                RouteCase.of("POST", "/v2/action/files/copy", Need.of(FILES, WRITE), 200,
                        (w, c) -> Bodies.json("POST", "/v2/action/files/copy",
                                Map.of("file_ids", List.of(w.fileId), "project", w.projectId))));
    }

    private static List<RouteCase> uploads() {
        String upload = "/v2/upload/multipart/{upload}";
        return List.of(
                RouteCase.of("POST", "/v2/upload/multipart", Need.of(FILES, WRITE), 200,
                        (w, c) -> Bodies.json("POST", "/v2/upload/multipart", Map.of("name", w.unique("matrix-up") + ".bam",
                                "size", 5, "part_size", 5, "parent", w.folderId))),
                RouteCase.of("GET", "/v2/upload/multipart", Need.of(FILES, ANY), 200,
                        (w, c) -> Request.of("GET", "/v2/upload/multipart")),
                RouteCase.of("GET", upload, Need.of(FILES, UPLOAD_OWNER), 200,
                        (w, c) -> Request.of("GET", "/v2/upload/multipart/" + w.uploadId)),
                RouteCase.of("POST", upload, Need.of(FILES, UPLOAD_OWNER), 204,
                        (w, c) -> Bodies.json("POST", "/v2/upload/multipart/" + w.uploadId,
                                Map.of("parts", List.of(report(w.uploadEtag))))),
                RouteCase.of("DELETE", upload, Need.of(FILES, UPLOAD_OWNER), 204,
                        (w, c) -> Request.of("DELETE", "/v2/upload/multipart/" + w.openUpload(w.unique("matrix-abort")))),
                RouteCase.of("GET", upload + "/part/{part}", Need.of(FILES, UPLOAD_OWNER), 200,
                        (w, c) -> Request.of("GET", "/v2/upload/multipart/" + w.uploadId + "/part/1")),
                RouteCase.of("POST", upload + "/part", Need.of(FILES, UPLOAD_OWNER), 204,
                        (w, c) -> Bodies.json("POST", "/v2/upload/multipart/" + w.uploadId + "/part/", report(w.uploadEtag))),
                RouteCase.of("POST", upload + "/complete", Need.of(FILES, UPLOAD_OWNER), 200, (w, c) -> {
                    String id = w.openUpload(w.unique("matrix-complete") + ".bam");
                    w.sendPart(id);
                    return Request.json("POST", "/v2/upload/multipart/" + id + "/complete", "null");
                }));
    }

    /**
     * GA4GH htsget: tickets for the private project's bgzipped VCF and the public project's (which a
     * caller without any token may have); service-info and the CORS preflights need nothing.
     */
    private static List<RouteCase> htsget() {
        String base = "/ga4gh/htsget/v1";
        List<RouteCase> cases = new ArrayList<>();
        for (String endpoint : List.of("reads", "variants")) {
            String ticket = base + "/" + endpoint + "/{id}";
            cases.add(RouteCase.of("GET", base + "/" + endpoint + "/service-info", Need.of(NONE, PUBLIC), 200,
                    (w, c) -> Request.of("GET", base + "/" + endpoint + "/service-info")));
            cases.add(RouteCase.of("OPTIONS", base + "/" + endpoint + "/service-info", Need.of(NONE, PUBLIC), 204,
                    (w, c) -> Request.of("OPTIONS", base + "/" + endpoint + "/service-info")));
            cases.add(RouteCase.of("OPTIONS", ticket, Need.of(NONE, PUBLIC), 204,
                    (w, c) -> Request.of("OPTIONS", base + "/" + endpoint + "/" + w.fileId)));
        }
        for (String endpoint : List.of("reads", "variants")) {
            String ticket = base + "/" + endpoint + "/{id}";
            String mine = base + "/" + endpoint + "/";
            boolean reads = endpoint.equals("reads");
            cases.add(RouteCase.of("GET", ticket, Need.of(FILES, DRS_READ), 200,
                    (w, c) -> Request.of("GET", mine + (reads ? w.bamFileId : w.vcfGzFileId))));
            cases.add(RouteCase.of("GET", ticket, Need.of(FILES, DRS_PUBLIC_READ), 200,
                    (w, c) -> Request.of("GET", mine + (reads ? w.publicBamFileId : w.publicVcfGzFileId))));
            cases.add(RouteCase.of("POST", ticket, Need.of(FILES, DRS_READ), 200,
                    (w, c) -> Bodies.json("POST", mine + (reads ? w.bamFileId : w.vcfGzFileId), Map.of())));
            cases.add(RouteCase.of("POST", ticket, Need.of(FILES, DRS_PUBLIC_READ), 200,
                    (w, c) -> Bodies.json("POST", mine + (reads ? w.publicBamFileId : w.publicVcfGzFileId),
                            Map.of("class", "header"))));
        }
        return cases;
    }

    /** GA4GH DRS: each object route on the private file and on the public project's file. */
    private static List<RouteCase> drs() {
        String base = "/ga4gh/drs/v1";
        String object = base + "/objects/{object_id}";
        return List.of(
                RouteCase.of("GET", base + "/service-info", Need.of(NONE, PUBLIC), 200,
                        (w, c) -> Request.of("GET", base + "/service-info")),
                RouteCase.of("GET", object, Need.of(FILES, DRS_READ), 200,
                        (w, c) -> Request.of("GET", base + "/objects/" + w.fileId)),
                RouteCase.of("GET", object, Need.of(FILES, DRS_PUBLIC_READ), 200,
                        (w, c) -> Request.of("GET", base + "/objects/" + w.publicFileId)),
                RouteCase.of("POST", object, Need.of(FILES, DRS_READ), 200,
                        (w, c) -> Request.json("POST", base + "/objects/" + w.fileId, "{\"passports\": []}")),
                RouteCase.of("POST", object, Need.of(FILES, DRS_PUBLIC_READ), 200,
                        (w, c) -> Request.json("POST", base + "/objects/" + w.publicFileId, "{}")),
                RouteCase.of("POST", object + "/access/{access_id}", Need.of(FILES, DRS_READ), 200,
                        (w, c) -> Request.json("POST", base + "/objects/" + w.fileId + "/access/https", "{}")),
                RouteCase.of("POST", object + "/access/{access_id}", Need.of(FILES, DRS_PUBLIC_READ), 200,
                        (w, c) -> Request.json("POST", base + "/objects/" + w.publicFileId + "/access/https", "{}")),
                RouteCase.of("OPTIONS", object, Need.of(FILES, DRS_AUTH_INFO), 200,
                        (w, c) -> Request.of("OPTIONS", base + "/objects/" + w.fileId)),
                RouteCase.of("GET", object + "/access/{access_id}", Need.of(FILES, DRS_READ), 200,
                        (w, c) -> Request.of("GET", base + "/objects/" + w.fileId + "/access/https")),
                RouteCase.of("GET", object + "/access/{access_id}", Need.of(FILES, DRS_PUBLIC_READ), 200,
                        (w, c) -> Request.of("GET", base + "/objects/" + w.publicFileId + "/access/https")),
                RouteCase.drsBulk(base + "/objects", DRS_READ,
                        (w, c) -> Bodies.json("POST", base + "/objects", Map.of("bulk_object_ids", List.of(w.fileId)))),
                RouteCase.drsBulk(base + "/objects", DRS_PUBLIC_READ,
                        (w, c) -> Bodies.json("POST", base + "/objects", Map.of("bulk_object_ids",
                                List.of(w.publicFileId)))),
                RouteCase.drsBulk("OPTIONS", base + "/objects", DRS_AUTH_INFO,
                        (w, c) -> Bodies.json("OPTIONS", base + "/objects", Map.of("bulk_object_ids", List.of(w.fileId)))),
                RouteCase.drsBulk(base + "/objects/access", DRS_READ,
                        (w, c) -> Bodies.json("POST", base + "/objects/access", Map.of("bulk_object_access_ids",
                                List.of(Map.of("bulk_object_id", w.fileId, "bulk_access_ids", List.of("https")))))));
    }

    private static Map<String, Object> report(String etag) {
        return Map.of("part_number", 1, "response", Map.of("headers", Map.of("ETag", etag)));
    }

    /** The download path of the project's file (the server's own, on every backend), without the signature that would make it work. */
    private static String downloadPath(World w) throws Exception {
        String url = w.http.get("/v2/files/" + w.fileId + "/download_info", w.ownerToken).json().get("url").asText();
        return URI.create(url).getRawPath();
    }

    /** The page's script, named by the page itself (its name is a hash of its content). */
    private static String webScriptPath(World w) throws Exception {
        String page = w.http.get("/", null).text();
        Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page);
        if (!script.find()) {
            throw new AssertionError("the web page names no script: " + page);
        }
        return script.group(1);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
