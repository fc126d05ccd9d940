package org.seqvault.reliability.faults;

import static org.seqvault.reliability.support.Accounts.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.seqvault.reliability.support.Accounts;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.ServerProcess;

/** A user's workspace and the steps of each upload path, answered raw so a test can judge each answer. */
final class Uploads {
    final Http http;
    final String token;
    final String workspaceId;
    final String projectId;

    Uploads(Http http) throws IOException {
        this.http = http;
        Accounts accounts = new Accounts(http, ServerProcess.ADMIN_TOKEN);
        token = accounts.userWithToken("writer", "files", "projects");
        JsonNode ws = accounts.workspace(token, "faults");
        workspaceId = ws.get("workspace_id").asText();
        projectId = ws.get("project").asText();
    }

    Http.Answer form(String name, byte[] bytes) throws IOException {
        return http.form("/v1/files/upload", token, List.<String[]>of(new String[] {"workspace_id", workspaceId}), name,
                bytes);
    }

    /** upload-url for a file of {@code size}: its fileKey, and its part URLs. */
    JsonNode uploadUrl(String name, long size) throws IOException {
        return expect(http.call("POST", "/v1/files/upload-url", token, Map.of("filename", name, "workspace_id",
                workspaceId, "size", size)), 201);
    }

    Http.Answer confirm(JsonNode ticket, String name, long size) throws IOException {
        return http.call("POST", "/v1/files/upload-confirm", token, Map.of("file_key", ticket.get("fileKey").asText(),
                "workspace_id", workspaceId, "filename", name, "size", size));
    }

    /** A Seven Bridges upload in the project's root: its upload id. */
    String multipart(String name, long size, long partSize) throws IOException {
        return expect(http.call("POST", "/v2/upload/multipart", token, Map.of("name", name, "size", size,
                "part_size", partSize, "project", projectId)), 200).get("upload_id").asText();
    }

    String partUrl(String uploadId, int part) throws IOException {
        return expect(http.get("/v2/upload/multipart/" + uploadId + "/part/" + part, token), 200).get("url").asText();
    }

    Http.Answer complete(String uploadId) throws IOException {
        return http.call("POST", "/v2/upload/multipart/" + uploadId + "/complete", token, "null");
    }

    List<String> keys() throws IOException {
        return expect(http.get("/v1/files?workspace_id=" + workspaceId, token), 200).findValuesAsText("key");
    }

    /** The id of the file at {@code key}. */
    String fileId(String key) throws IOException {
        for (JsonNode f : expect(http.get("/v1/files?workspace_id=" + workspaceId, token), 200).get("files")) {
            if (f.get("key").asText().equals(key)) {
                return f.get("file_id").asText();
            }
        }
        throw new AssertionError("no file at " + key);
    }

    Http.Answer download(String key) throws IOException {
        String url = expect(http.get("/v1/files/download?workspace_id=" + workspaceId + "&key="
                + URLEncoder.encode(key, StandardCharsets.UTF_8), token), 200).get("url").asText();
        return http.send(http.request(url).GET().build());
    }
}
