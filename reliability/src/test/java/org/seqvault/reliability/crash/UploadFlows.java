package org.seqvault.reliability.crash;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.reliability.support.Http;

/**
 * The three ways bytes come in, each driven exactly as a client drives it: the v1 form upload,
 * the v1 presigned PUT(s) + confirm, and the Seven Bridges multipart upload. Each returns the
 * published file's id, or throws {@link ServerGone} or {@link Refused}.
 */
final class UploadFlows {
    private final Http http;
    private final String token;
    private final Project project;

    UploadFlows(Http http, String token, Project project) {
        this.http = http;
        this.token = token;
        this.project = project;
    }

    /** A definite refusal: the upload was not published. */
    static final class Refused extends Exception {
        final int status;

        Refused(String step, Http.Answer answer) {
            super(step + " answered " + answer.status() + ": " + answer.text());
            this.status = answer.status();
        }
    }

    String form(String folder, String name, byte[] bytes) throws ServerGone, Refused {
        Http.Answer a = Calls.decisive(() -> http.form("/v1/files/upload", token,
                List.of(new String[] {"workspace_id", project.workspaceId()}, new String[] {"path", folder}), name, bytes));
        return fileId(a, 201, "form upload");
    }

    /**
     * upload-url, PUT of every part, upload-confirm. With {@code confirm} false the bytes are
     * sent and the upload is left open: an abandoned upload that must never become visible.
     */
    String presigned(String folder, String name, byte[] bytes, boolean claimChecksum, boolean confirm)
            throws ServerGone, Refused {
        Map<String, Object> ask = new HashMap<>();
        ask.put("filename", name);
        ask.put("workspace_id", project.workspaceId());
        ask.put("size", bytes.length);
        ask.put("path", folder);
        Http.Answer ticketAnswer = Calls.preparatory(() -> http.call("POST", "/v1/files/upload-url", token, ask));
        JsonNode ticket = expect(ticketAnswer, 201, "upload-url");
        List<Map<String, Object>> etags = new ArrayList<>();
        if (ticket.has("uploadUrl")) {
            etags.add(part(1, put(ticket.get("uploadUrl").asText(), bytes)));
        } else {
            long partSize = ticket.get("partSize").asLong();
            for (JsonNode part : ticket.get("parts")) {
                int n = part.get("partNumber").asInt();
                byte[] slice = slice(bytes, (n - 1) * partSize, partSize);
                etags.add(part(n, put(part.get("uploadUrl").asText(), slice)));
            }
        }
        if (!confirm) {
            return null;
        }
        Map<String, Object> claim = new HashMap<>();
        claim.put("file_key", ticket.get("fileKey").asText());
        claim.put("workspace_id", project.workspaceId());
        claim.put("filename", name);
        claim.put("size", bytes.length);
        claim.put("parts", etags);
        if (claimChecksum) {
            claim.put("sha256", org.seqvault.reliability.support.Sha256.of(bytes));
        }
        Http.Answer a = Calls.decisive(() -> http.call("POST", "/v1/files/upload-confirm", token, claim));
        return fileId(a, 201, "upload-confirm");
    }

    /** Init, then for each part: a presigned URL, the PUT, the part report; then complete. */
    String multipart(String folder, String name, byte[] bytes, long partSize) throws ServerGone, Refused {
        Map<String, Object> init = new HashMap<>();
        init.put("name", name);
        init.put("size", bytes.length);
        init.put("part_size", partSize);
        init.put("parent", project.folderIds().get(folder));
        JsonNode upload = expect(Calls.preparatory(() -> http.call("POST", "/v2/upload/multipart", token, init)), 200,
                "multipart init");
        String id = upload.get("upload_id").asText();
        long size = upload.get("part_size").asLong();
        int parts = bytes.length == 0 ? 1 : (int) ((bytes.length + size - 1) / size);
        for (int n = 1; n <= parts; n++) {
            int number = n;
            JsonNode url = expect(Calls.preparatory(() -> http.get("/v2/upload/multipart/" + id + "/part/" + number,
                    token)), 200, "part url");
            String etag = put(url.get("url").asText(), slice(bytes, (n - 1) * size, size));
            Map<String, Object> report = Map.of("part_number", n,
                    "response", Map.of("headers", Map.of("ETag", etag)));
            Http.Answer reported = Calls.preparatory(() -> http.call("POST",
                    "/v2/upload/multipart/" + id + "/part/", token, report));
            if (reported.status() != 204) {
                throw new Refused("part report", reported);
            }
        }
        Http.Answer a = Calls.decisive(() -> http.call("POST", "/v2/upload/multipart/" + id + "/complete", token,
                "null"));
        return fileId(a, 200, "multipart complete");
    }

    private String put(String url, byte[] bytes) throws ServerGone, Refused {
        Http.Answer a = Calls.preparatory(() -> http.put(url, bytes));
        if (a.status() != 200) {
            throw new Refused("part PUT", a);
        }
        return a.header("ETag").replace("\"", "");
    }

    private static Map<String, Object> part(int number, String etag) {
        return Map.of("partNumber", number, "etag", etag);
    }

    private static byte[] slice(byte[] bytes, long offset, long length) {
        int from = (int) Math.min(offset, bytes.length);
        int to = (int) Math.min(bytes.length, offset + length);
        return Arrays.copyOfRange(bytes, from, to);
    }

    private static JsonNode expect(Http.Answer a, int status, String step) throws Refused {
        if (a.status() != status) {
            throw new Refused(step, a);
        }
        return a.json();
    }

    private static String fileId(Http.Answer a, int status, String step) throws Refused {
        JsonNode file = expect(a, status, step);
        return file.has("file_id") ? file.get("file_id").asText() : file.get("id").asText();
    }
}
