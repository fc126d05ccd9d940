package org.seqvault.reliability.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.seqvault.domain.FileKey;
import org.seqvault.domain.FolderPath;
import org.seqvault.domain.NodeName;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.UserException;
import org.seqvault.reliability.support.Http;

/**
 * v1 keys, folder paths and file names, in the domain parsers and through every API entry that
 * takes one: whatever the input, nothing but a plain relative key inside the workspace is ever
 * accepted, and nothing answers 500.
 */
class KeyAndPathFuzzTest {
    private static final String FORM_BOUNDARY = "fuzz-boundary-7d1f";

    @FuzzTest(maxDuration = "5m")
    void domainParsers(byte[] input) {
        String text = new String(Bytes.payload(input), StandardCharsets.UTF_8);
        try {
            switch (Bytes.selector(input, 5)) {
                case 0 -> {
                    FileKey key = FileKey.parse(text);
                    Soundness.checkKey(key.value());
                    if (!FileKey.parse(key.value()).equals(key)) {
                        throw new AssertionError("key does not round-trip: " + text);
                    }
                }
                case 1 -> {
                    FolderPath path = FolderPath.parse(text);
                    if (!path.isRoot()) {
                        // The folders as a key: the prefix without its closing '/'.
                        Soundness.checkKey(path.prefix().substring(0, path.prefix().length() - 1));
                    }
                }
                case 2 -> Soundness.checkKey(new NodeName(text).value());
                case 3 -> Soundness.checkKey(NodeName.folder(text).value() + "/x");
                default -> ProjectRef.parse(text);
            }
        } catch (UserException refused) {
            // Refusing is always allowed; anything else thrown is a bug.
        }
    }

    @FuzzTest(maxDuration = "5m")
    void v1KeysAndPaths(byte[] input) throws IOException {
        FuzzServer fx = FuzzServer.get();
        byte[] payload = Bytes.payload(input);
        String text = new String(payload, StandardCharsets.UTF_8);
        String ws = "workspace_id=" + fx.workspaceId;
        RawHttp.Answer answer;
        String path;
        switch (Bytes.selector(input, 6)) {
            case 0 -> {
                path = "/v1/files/download";
                answer = fx.raw.send(Bytes.of("GET"), Bytes.join(Bytes.of(path + "?" + ws + "&key="), Bytes.target(payload)),
                        Bytes.of(fx.auth()), null);
            }
            case 1 -> {
                path = "/v1/files";
                answer = fx.raw.send(Bytes.of("DELETE"), Bytes.join(Bytes.of(path + "?" + ws + "&key="), Bytes.target(payload)),
                        Bytes.of(fx.auth()), null);
            }
            case 2 -> {
                path = "/v1/files?prefix";
                answer = fx.raw.send(Bytes.of("GET"), Bytes.join(Bytes.of("/v1/files?" + ws + "&prefix="), Bytes.target(payload)),
                        Bytes.of(fx.auth()), null);
            }
            case 3 -> {
                path = "/v1/files/upload-url";
                int cut = text.indexOf('\n');
                String name = cut < 0 ? text : text.substring(0, cut);
                String folder = cut < 0 ? null : text.substring(cut + 1);
                answer = json(fx, path, Map.of("filename", name, "workspace_id", fx.workspaceId, "size", 3,
                        "path", folder == null ? "" : folder));
            }
            case 4 -> {
                path = "/v1/files/upload";
                answer = form(fx, "", Bytes.headerValue(payload));
            }
            default -> {
                path = "/v1/files/upload";
                answer = form(fx, text, Bytes.of("plain.txt"));
            }
        }
        Soundness.check(answer, path);
        if (answer.status() == 201 && answer.header("Content-Type") != null) {
            JsonNode body = Soundness.json(answer, path);
            JsonNode key = body.has("key") ? body.get("key") : body.get("fileKey");
            if (key != null) {
                String k = key.asText();
                Soundness.checkKey(body.has("key") ? k : k.substring(k.indexOf('/') + 1));
            }
        }
    }

    /** A form upload whose path field and file name come from the fuzzer. */
    private static RawHttp.Answer form(FuzzServer fx, String folder, byte[] fileName) throws IOException {
        byte[] quoted = fileName.clone();
        for (int i = 0; i < quoted.length; i++) {
            if (quoted[i] == '"') {
                quoted[i] = '\'';
            }
        }
        var body = new java.io.ByteArrayOutputStream();
        body.writeBytes(Bytes.of("--" + FORM_BOUNDARY + "\r\nContent-Disposition: form-data; name=\"workspace_id\"\r\n\r\n"
                + fx.workspaceId + "\r\n--" + FORM_BOUNDARY + "\r\nContent-Disposition: form-data; name=\"path\"\r\n\r\n"
                + folder + "\r\n--" + FORM_BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""));
        body.writeBytes(quoted);
        body.writeBytes(Bytes.of("\"\r\nContent-Type: text/plain\r\n\r\nfuzz\r\n--" + FORM_BOUNDARY + "--\r\n"));
        return fx.raw.send(Bytes.of("POST"), Bytes.of("/v1/files/upload"),
                Bytes.of(fx.auth() + "Content-Type: multipart/form-data; boundary=" + FORM_BOUNDARY + "\r\n"),
                body.toByteArray());
    }

    private static RawHttp.Answer json(FuzzServer fx, String path, Object body) throws IOException {
        return fx.raw.send(Bytes.of("POST"), Bytes.of(path),
                Bytes.of(fx.auth() + "Content-Type: application/json\r\n"), Http.JSON.writeValueAsBytes(body));
    }
}
