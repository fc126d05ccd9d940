package org.seqvault.reliability.auth;

import static org.seqvault.reliability.support.Accounts.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.seqvault.reliability.support.Accounts;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.ServerProcess;

/**
 * The things the matrix attacks, made by their owners before the attack: a private project with
 * a read member and a write member, a folder, a file and an open upload in it; a second private
 * project nobody else belongs to; and fresh resources for calls that use one up (deletes,
 * completions). Distinctive names make any leak easy to spot in an answer.
 */
final class World {
    static final String PROJECT_NAME = "Zeta Sequencing Secret Cohort";
    static final String FOLDER_NAME = "zeta-secret-folder";
    static final String FILE_NAME = "zeta-secret-genome.vcf";
    static final String OTHER_PROJECT_NAME = "Omega Private Cohort";
    static final String OTHER_FILE_NAME = "omega-private-sample.bam";
    private static final byte[] CONTENT = "##fileformat=VCFv4.3 zeta\n".getBytes(StandardCharsets.UTF_8);
    static final String PUBLIC_PROJECT_NAME = "Psi Public Reference";
    /** Other bytes than the secret file's: its checksums are secrets. */
    private static final byte[] PUBLIC_CONTENT = ">psi\nACGT\n".getBytes(StandardCharsets.UTF_8);

    final Http http;
    final Accounts accounts;
    final String admin = ServerProcess.ADMIN_TOKEN;
    final String ownerToken;
    final String readerToken;
    final String writerToken;
    final String strangerToken;
    final String projectId;
    final String workspaceId;
    final String rootFolderId;
    final String folderId;
    final String fileId;
    final String fileKey;
    final String fileSha256;
    final String uploadId;
    final String uploadEtag;
    final String otherProjectId;
    final String otherWorkspaceId;
    final String otherFileId;
    /** A file of a public project of a fourth user: anyone reads it, through DRS even without a token. */
    final String publicFileId;
    /** Files htsget serves (a header-only BAM, a bgzipped VCF without records), in the project and the public one. */
    final String bamFileId;
    final String vcfGzFileId;
    final String publicBamFileId;
    final String publicVcfGzFileId;
    private final AtomicInteger unique = new AtomicInteger();
    /** Set while building a call the caller must be refused: it gets shared resources instead of fresh ones. */
    private boolean refusalExpected;
    private Map<String, String> sharedV1Upload;
    private String sharedOwnerTokenId;
    private String sharedTrashItem;

    World(Http http) throws IOException {
        this.http = http;
        this.accounts = new Accounts(http, admin);
        ownerToken = accounts.userWithToken("zeta-owner", "files", "projects", "tokens");
        readerToken = accounts.userWithToken("zeta-reader", "files", "projects", "tokens");
        writerToken = accounts.userWithToken("zeta-writer", "files", "projects", "tokens");
        strangerToken = accounts.userWithToken("zeta-stranger", "files", "projects", "tokens");
        accounts.user("zeta-extra");

        JsonNode project = expect(http.call("POST", "/v2/projects", ownerToken, Map.of("name", PROJECT_NAME)), 201);
        projectId = project.get("id").asText();
        workspaceId = project.get("workspace_id").asText();
        rootFolderId = project.get("root_folder").asText();
        membersOf(projectId);
        accounts.member(ownerToken, projectId, "zeta-extra", Map.of("read", true));
        folderId = expect(http.call("POST", "/v2/files", ownerToken,
                Map.of("name", FOLDER_NAME, "type", "folder", "project", projectId)), 200).get("id").asText();
        JsonNode file = expect(http.form("/v1/files/upload", ownerToken, List.of(
                new String[] {"workspace_id", workspaceId}, new String[] {"path", FOLDER_NAME + "/"}), FILE_NAME, CONTENT), 201);
        fileId = file.get("file_id").asText();
        fileKey = file.get("key").asText();
        fileSha256 = file.get("sha256").asText();
        uploadId = openUpload("zeta-secret-upload.bam");
        uploadEtag = sendPart(uploadId);

        String otherToken = accounts.userWithToken("omega-owner", "files", "projects");
        JsonNode other = expect(http.call("POST", "/v2/projects", otherToken, Map.of("name", OTHER_PROJECT_NAME)), 201);
        otherProjectId = other.get("id").asText();
        otherWorkspaceId = other.get("workspace_id").asText();
        otherFileId = expect(http.form("/v1/files/upload", otherToken, List.<String[]>of(
                new String[] {"workspace_id", otherWorkspaceId}), OTHER_FILE_NAME, CONTENT), 201).get("file_id").asText();

        String curatorToken = accounts.userWithToken("psi-curator", "files", "projects");
        JsonNode open = expect(http.call("POST", "/v2/projects", curatorToken,
                Map.of("name", PUBLIC_PROJECT_NAME, "public", true)), 201);
        publicFileId = expect(http.form("/v1/files/upload", curatorToken, List.<String[]>of(
                new String[] {"workspace_id", open.get("workspace_id").asText()}), "psi-reference.fa", PUBLIC_CONTENT), 201)
                .get("file_id").asText();

        bamFileId = upload(ownerToken, workspaceId, FOLDER_NAME + "/", "zeta-secret-reads.bam", GenomicBytes.emptyBam());
        vcfGzFileId = upload(ownerToken, workspaceId, FOLDER_NAME + "/", "zeta-secret-calls.vcf.gz",
                GenomicBytes.emptyVcfGz());
        String openWorkspace = open.get("workspace_id").asText();
        publicBamFileId = upload(curatorToken, openWorkspace, null, "psi-reads.bam", GenomicBytes.emptyBam());
        publicVcfGzFileId = upload(curatorToken, openWorkspace, null, "psi-calls.vcf.gz", GenomicBytes.emptyVcfGz());
    }

    private String upload(String token, String workspace, String path, String name, byte[] content) throws IOException {
        List<String[]> fields = new java.util.ArrayList<>();
        fields.add(new String[] {"workspace_id", workspace});
        if (path != null) {
            fields.add(new String[] {"path", path});
        }
        return expect(http.form("/v1/files/upload", token, fields, name, content), 201).get("file_id").asText();
    }

    /** Names and ids a caller who cannot see the project must never be told (unless it sent them itself). */
    List<String> projectSecrets() {
        return List.of(PROJECT_NAME, FOLDER_NAME, FILE_NAME, "zeta-secret-upload.bam", workspaceId, rootFolderId,
                folderId, fileId, fileSha256, uploadId, projectId, "zeta-reader", "zeta-writer", "zeta-extra",
                "zeta-secret-reads.bam", "zeta-secret-calls.vcf.gz", bamFileId, vcfGzFileId);
    }

    /** Names and ids of the second project, which no caller of the matrix but the admin may see. */
    List<String> otherProjectSecrets() {
        return List.of(OTHER_PROJECT_NAME, OTHER_FILE_NAME, otherProjectId, otherWorkspaceId, otherFileId, "omega-owner");
    }

    /**
     * A refused call changes nothing, so it can aim at the shared resources; only calls that should
     * succeed use up fresh ones. (Should a refused call wrongly succeed, its status already fails the test.)
     */
    void expectRefusal(boolean refusal) {
        this.refusalExpected = refusal;
    }

    String unique(String prefix) {
        return prefix + "-" + unique.incrementAndGet();
    }

    /** A file of its own in the folder, for a call that may delete, rename or move it. */
    JsonNode freshFile() throws IOException {
        if (refusalExpected) {
            return Http.JSON.createObjectNode().put("file_id", fileId).put("key", fileKey);
        }
        return expect(http.form("/v1/files/upload", ownerToken, List.of(new String[] {"workspace_id", workspaceId},
                new String[] {"path", FOLDER_NAME + "/"}), unique("zeta-fresh") + ".vcf", CONTENT), 201);
    }

    /** A file of its own, deleted by the owner into the project's trash, for a call that restores it. */
    String freshTrashItem() throws IOException {
        if (refusalExpected) {
            if (sharedTrashItem == null) {
                sharedTrashItem = newTrashItem();
            }
            return sharedTrashItem;
        }
        return newTrashItem();
    }

    private String newTrashItem() throws IOException {
        String id = expect(http.form("/v1/files/upload", ownerToken, List.of(new String[] {"workspace_id", workspaceId},
                new String[] {"path", FOLDER_NAME + "/"}), unique("zeta-trashed") + ".vcf", CONTENT), 201)
                .get("file_id").asText();
        Http.Answer deleted = http.call("DELETE", "/v2/files/" + id, ownerToken, null);
        if (deleted.status() != 204) {
            throw new IllegalStateException("deleting a file for the trash answered " + deleted.status());
        }
        return id;
    }

    /**
     * An async job of the owner's of {@code type} (copy, move, delete), for a call that reads it. Its one
     * item names no file, so it changes nothing when it runs.
     */
    String ownerJob(String type) throws IOException {
        return expect(http.call("POST", "/v2/async/files/" + type, ownerToken,
                Map.of("items", List.of(Map.of("file", "000000000000000000000000", "parent", folderId)))), 200)
                .get("id").asText();
    }

    /** A Seven Bridges upload of one 5-byte part, opened by the owner. */
    String openUpload(String name) throws IOException {
        if (refusalExpected && uploadId != null) {
            return uploadId;
        }
        return expect(http.call("POST", "/v2/upload/multipart", ownerToken,
                Map.of("name", name, "size", 5, "part_size", 5, "parent", folderId)), 200).get("upload_id").asText();
    }

    /** Sends part 1 of an open upload and reports it; returns its ETag. */
    String sendPart(String upload) throws IOException {
        if (upload.equals(uploadId) && uploadEtag != null) {
            return uploadEtag;
        }
        String url = expect(http.get("/v2/upload/multipart/" + upload + "/part/1", ownerToken), 200).get("url").asText();
        Http.Answer put = http.put(url, "hello".getBytes(StandardCharsets.UTF_8));
        expect(put, 200);
        String etag = put.header("ETag").replace("\"", "");
        expect(http.call("POST", "/v2/upload/multipart/" + upload + "/part/", ownerToken,
                Map.of("part_number", 1, "response", Map.of("headers", Map.of("ETag", etag)))), 204);
        return etag;
    }

    /** A v1 presigned upload whose bytes were sent, ready to confirm: {fileKey, filename, etag}. */
    Map<String, String> sentV1Upload() throws IOException {
        if (refusalExpected) {
            if (sharedV1Upload == null) {
                sharedV1Upload = newV1Upload();
            }
            return sharedV1Upload;
        }
        return newV1Upload();
    }

    private Map<String, String> newV1Upload() throws IOException {
        String name = unique("zeta-presigned") + ".vcf";
        JsonNode ticket = expect(http.call("POST", "/v1/files/upload-url", ownerToken,
                Map.of("filename", name, "workspace_id", workspaceId, "size", CONTENT.length)), 201);
        Http.Answer put = http.put(ticket.get("uploadUrl").asText(), CONTENT);
        expect(put, 200);
        return Map.of("fileKey", ticket.get("fileKey").asText(), "filename", name,
                "etag", put.header("ETag").replace("\"", ""), "size", Integer.toString(CONTENT.length));
    }

    /** An empty project the owner may delete, with the same members as the main one. */
    String freshProject() throws IOException {
        if (refusalExpected) {
            return projectId;
        }
        String id = expect(http.call("POST", "/v2/projects", ownerToken, Map.of("name", unique("zeta-empty"))), 201)
                .get("id").asText();
        membersOf(id);
        return id;
    }

    /** A new member of the main project, for a call that removes one. */
    String freshMember() throws IOException {
        if (refusalExpected) {
            return "zeta-extra";
        }
        String username = freshUser();
        accounts.member(ownerToken, projectId, username, Map.of("read", true));
        return username;
    }

    /** A new user who belongs to nothing, for a call that adds a member. */
    String freshUser() throws IOException {
        if (refusalExpected) {
            return "zeta-stranger";
        }
        String username = unique("zeta-user");
        accounts.user(username);
        return username;
    }

    /** A new token of the owner's, for a call that revokes one. */
    String freshOwnerTokenId() throws IOException {
        if (refusalExpected) {
            if (sharedOwnerTokenId == null) {
                sharedOwnerTokenId = newOwnerTokenId();
            }
            return sharedOwnerTokenId;
        }
        return newOwnerTokenId();
    }

    private String newOwnerTokenId() throws IOException {
        return accounts.token("zeta-owner", null, "files").get("id").asText();
    }

    private void membersOf(String project) throws IOException {
        accounts.member(ownerToken, project, "zeta-reader", Map.of("read", true));
        accounts.member(ownerToken, project, "zeta-writer", Map.of("read", true, "write", true));
    }

    /** Callers that hold a real token, besides the admin and the owner's scope-limited ones. */
    List<Caller> memberCallers() {
        List<Caller> callers = new ArrayList<>();
        callers.add(Caller.bearer(CallerKind.NON_MEMBER, "non-member", strangerToken, List.of("files", "projects", "tokens")));
        callers.add(Caller.bearer(CallerKind.READ_MEMBER, "read member", readerToken, List.of("files", "projects", "tokens")));
        callers.add(Caller.bearer(CallerKind.WRITE_MEMBER, "write member", writerToken, List.of("files", "projects", "tokens")));
        callers.add(Caller.bearer(CallerKind.OWNER, "owner", ownerToken, List.of("files", "projects", "tokens")));
        callers.add(Caller.bearer(CallerKind.ADMIN, "admin", admin, List.of("admin")));
        return callers;
    }
}
