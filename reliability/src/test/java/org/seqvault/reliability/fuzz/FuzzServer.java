package org.seqvault.reliability.fuzz;

import static org.seqvault.reliability.support.Accounts.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.seqvault.reliability.backend.SqliteFilesBackend;
import org.seqvault.reliability.support.Accounts;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.InProcessServer;
import org.seqvault.reliability.support.ServerProcess;

/**
 * One in-process server for every fuzz test of the JVM, started on first use, with a user, a
 * workspace, a folder, a file of known bytes and an open upload to aim fuzzed input at. The
 * parsers under attack do not depend on the backend, so it runs on SQLite + files.
 */
final class FuzzServer {
    static final byte[] FILE_BYTES = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.US_ASCII);
    private static FuzzServer instance;

    final InProcessServer server;
    final RawHttp raw;
    final String token;
    final String workspaceId;
    final String projectId;
    final String folderId;
    final String fileId;
    final String uploadId;
    /** The raw path and query of a genuine download URL of the file, and of part 1 of the upload. */
    final URI downloadUrl;
    final URI partUrl;

    private FuzzServer(InProcessServer server) throws IOException {
        this.server = server;
        URI base = URI.create(server.url());
        this.raw = new RawHttp(base.getHost(), base.getPort());
        Http http = server.http();
        Accounts accounts = new Accounts(http, ServerProcess.ADMIN_TOKEN);
        token = accounts.userWithToken("fuzzer", "files", "projects");
        JsonNode ws = accounts.workspace(token, "fuzz");
        workspaceId = ws.get("workspace_id").asText();
        projectId = ws.get("project").asText();
        folderId = expect(http.call("POST", "/v2/files", token, Map.of("name", "inputs", "type", "folder",
                "project", projectId)), 200).get("id").asText();
        fileId = expect(http.form("/v1/files/upload", token, List.of(new String[] {"workspace_id", workspaceId},
                new String[] {"path", "inputs/"}), "known.txt", FILE_BYTES), 201).get("file_id").asText();
        downloadUrl = URI.create(expect(http.get("/v2/files/" + fileId + "/download_info", token), 200)
                .get("url").asText());
        uploadId = expect(http.call("POST", "/v2/upload/multipart", token, Map.of("name", "open.bin", "size", 10,
                "part_size", 5, "parent", folderId)), 200).get("upload_id").asText();
        partUrl = URI.create(expect(http.get("/v2/upload/multipart/" + uploadId + "/part/1", token), 200)
                .get("url").asText());
    }

    static synchronized FuzzServer get() {
        if (instance == null) {
            try {
                Path data = Files.createTempDirectory("seqvault-fuzz");
                instance = new FuzzServer(InProcessServer.start(new SqliteFilesBackend(), data,
                        Map.of("SEQVAULT_RATE_LIMIT", "0", "SEQVAULT_MAX_FORM_UPLOAD", "64KiB")));
                Runtime.getRuntime().addShutdownHook(new Thread(instance.server::close, "fuzz-server-stop"));
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the fuzz server", e);
            }
        }
        return instance;
    }

    String auth() {
        return "Authorization: Bearer " + token + "\r\n";
    }
}
