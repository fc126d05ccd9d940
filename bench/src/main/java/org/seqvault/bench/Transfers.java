package org.seqvault.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** SeqVault's own upload protocols, driven with curl for the bytes and the API for the rest. */
final class Transfers {
    private Transfers() {
    }

    /** What a finished upload reported: the checksums the server computed. */
    record Uploaded(String md5, String sha256) {
    }

    /** v1: upload-url, one presigned PUT, upload-confirm (which makes the blob durable). */
    static Uploaded singlePut(Api api, String workspaceId, String name, Path file, long size) throws IOException {
        return singlePut(api, workspaceId, name, file, size, null);
    }

    /** The same, declaring the file's checksums at confirm (the server then checks them before publishing). */
    static Uploaded singlePut(Api api, String workspaceId, String name, Path file, long size, Uploaded declared)
            throws IOException {
        JsonNode ticket = api.post("/v1/files/upload-url", Map.of("filename", name, "workspace_id", workspaceId,
                "size", size, "path", "bench/", "content_type", "application/octet-stream"), 201);
        if (!ticket.has("uploadUrl")) {
            throw new IOException("expected one presigned PUT for " + size + " bytes: " + ticket);
        }
        Cmd.run(Curl.upload(ticket.path("uploadUrl").asText(), file));
        Map<String, Object> confirm = new java.util.LinkedHashMap<>(Map.of("file_key", ticket.path("fileKey").asText(),
                "workspace_id", workspaceId, "filename", name, "size", size));
        if (declared != null) {
            confirm.put("md5", declared.md5());
            confirm.put("sha256", declared.sha256());
        }
        JsonNode done = api.post("/v1/files/upload-confirm", confirm, 201);
        return new Uploaded(done.path("md5").asText(), done.path("sha256").asText());
    }

    /** Seconds from init until the last part's answer, then until the complete answer. */
    record Phases(double parts, double complete) {
    }

    /** v2: init with a part size, one presigned URL per part, the parts PUT at once, complete. */
    static Phases multipart(Api api, String parentId, String name, List<Path> parts, long size, long partSize)
            throws IOException {
        long start = System.nanoTime();
        JsonNode upload = api.post("/v2/upload/multipart", Map.of("parent", parentId, "name", name, "size", size,
                "part_size", partSize), 200);
        String id = upload.path("upload_id").asText();
        if (upload.path("part_size").asLong() != partSize) {
            throw new IOException("the server chose another part size: " + upload);
        }
        List<List<String>> puts = new ArrayList<>();
        for (int n = 1; n <= parts.size(); n++) {
            String url = api.get("/v2/upload/multipart/" + id + "/part/" + n).path("url").asText();
            puts.add(Curl.upload(url, parts.get(n - 1)));
        }
        Curl.parallel(puts);
        long partsDone = System.nanoTime();
        api.post("/v2/upload/multipart/" + id + "/complete", Map.of(), 200);
        return new Phases((partsDone - start) / 1e9, BenchContext.seconds(partsDone));
    }

    /** The checksums v1 lists for a key (v2 file objects carry none). */
    static Uploaded listed(Api api, String workspaceId, String key) throws IOException {
        JsonNode files = api.get("/v1/files?workspace_id=" + workspaceId + "&prefix=" + Api.q(key)).path("files");
        for (JsonNode f : files) {
            if (f.path("key").asText().equals(key)) {
                return new Uploaded(f.path("md5").asText(), f.path("sha256").asText());
            }
        }
        throw new IOException("no file " + key + " listed");
    }

    /** A presigned download URL for a v1 key. */
    static String downloadUrl(Api api, String workspaceId, String key) throws IOException {
        return api.get("/v1/files/download?workspace_id=" + workspaceId + "&key=" + Api.q(key)).path("url").asText();
    }
}
