package org.seqvault.reliability.traversal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.reliability.support.Accounts.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqvault.reliability.backend.Backend;
import org.seqvault.reliability.support.Accounts;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.InProcessServer;
import org.seqvault.reliability.support.Results;
import org.seqvault.reliability.support.ServerProcess;

/**
 * Path traversal, everywhere a name, key or folder path comes in: '..' in every position, encoded
 * forms, absolute paths, backslashes, NUL and overlong names are refused with 400 (a form upload's
 * file name alone is cut to its last segment, as browsers send whole client paths, and that
 * segment is then checked like any name). Nothing is ever stored at a key that leaves its
 * workspace, and no file appears outside the data directory.
 */
class PathTraversalTest {
    private static final List<String> ATTACKS = List.of("..", "../x", "a/../b", "../../etc/passwd", "/etc/passwd",
            "a\\..\\b", "..\\x", "x\u0000y", "%2e%2e", "%2e%2e/x", ".%2e/x", ".", "./x", "a/./b", "a//b", "C:\\x",
            "n".repeat(256), "k/".repeat(520) + "x");

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.seqvault.reliability.backend.Backends#selected")
    void traversalIsRefusedEverywhere(Backend backend, @TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        try (InProcessServer server = InProcessServer.start(backend, data, Map.of("SEQVAULT_RATE_LIMIT", "0"))) {
            Http http = server.http();
            Accounts accounts = new Accounts(http, ServerProcess.ADMIN_TOKEN);
            String token = accounts.userWithToken("climber", "files", "projects");
            JsonNode ws = accounts.workspace(token, "walls");
            String workspace = ws.get("workspace_id").asText();
            String project = ws.get("project").asText();
            String fileId = expect(http.form("/v1/files/upload", token, List.<String[]>of(
                    new String[] {"workspace_id", workspace}), "victim.txt", new byte[8]), 201).get("file_id").asText();

            List<String> accepted = new ArrayList<>();
            int tried = 0;
            for (String attack : ATTACKS) {
                String q = URLEncoder.encode(attack, StandardCharsets.UTF_8);
                Map<String, Http.Answer> answers = new java.util.LinkedHashMap<>();
                answers.put("v1 download key", http.get("/v1/files/download?workspace_id=" + workspace + "&key=" + q, token));
                answers.put("v1 delete key", http.call("DELETE", "/v1/files?workspace_id=" + workspace + "&key=" + q, token,
                        null));
                answers.put("v1 form path", http.form("/v1/files/upload", token, List.of(
                        new String[] {"workspace_id", workspace}, new String[] {"path", attack + "/"}), "f.txt", new byte[1]));
                answers.put("v1 upload-url filename", http.call("POST", "/v1/files/upload-url", token,
                        Map.of("filename", attack, "workspace_id", workspace, "size", 1)));
                answers.put("v1 upload-url path", http.call("POST", "/v1/files/upload-url", token,
                        Map.of("filename", "f.txt", "path", attack, "workspace_id", workspace, "size", 1)));
                answers.put("v2 folder name", http.call("POST", "/v2/files", token,
                        Map.of("name", attack, "type", "folder", "project", project)));
                answers.put("v2 rename", http.call("PATCH", "/v2/files/" + fileId, token, Map.of("name", attack)));
                answers.put("v2 copy name", http.call("POST", "/v2/files/" + fileId + "/actions/copy", token,
                        Map.of("project", project, "name", attack)));
                answers.put("v2 upload name", http.call("POST", "/v2/upload/multipart", token,
                        Map.of("name", attack, "size", 1, "part_size", 1, "project", project)));
                for (var e : answers.entrySet()) {
                    tried++;
                    if (e.getValue().status() != 400 && !harmless(attack, e.getValue())) {
                        accepted.add(e.getKey() + " '" + printable(attack) + "' answered " + e.getValue().status() + ": "
                                + e.getValue().text());
                    }
                }
                // A form's file name is cut to its last segment; whatever is left must be a plain name.
                tried++;
                Http.Answer form = http.form("/v1/files/upload", token, List.<String[]>of(
                        new String[] {"workspace_id", workspace}), attack.replace("\u0000", "%00"), new byte[1]);
                if (form.status() == 201 && !plainKey(form.json().get("key").asText())) {
                    accepted.add("v1 form filename '" + printable(attack) + "' stored at " + form.json().get("key"));
                }
            }
            for (JsonNode f : expect(http.get("/v1/files?workspace_id=" + workspace + "&limit=1000", token), 200)
                    .get("files")) {
                assertThat(plainKey(f.get("key").asText())).as("stored key " + f.get("key")).isTrue();
            }
            if (backend.bytesOnLocalDisk()) {
                try (Stream<Path> files = Files.walk(tmp)) {
                    assertThat(files.filter(Files::isRegularFile).filter(p -> !p.startsWith(data)).toList())
                            .as("files written outside the data directory").isEmpty();
                }
            }
            new Results("traversal-" + backend.name()).put("attacks", ATTACKS.size()).put("entry_points", 10)
                    .put("attempts", tried).put("accepted", accepted.size()).write();
            assertThat(accepted).as("traversal attempts that were not refused").isEmpty();
        }
    }

    /**
     * Percent signs are just characters to an API that decodes once: "%2e%2e" is a valid name,
     * kept literally (the stored keys are checked below), so any answer but a server error is fine.
     */
    private static boolean harmless(String attack, Http.Answer answer) {
        boolean literalPercent = attack.startsWith("%2e") || attack.startsWith(".%2e");
        return literalPercent && answer.status() < 500;
    }

    private static boolean plainKey(String key) {
        if (key.isEmpty() || key.startsWith("/") || key.contains("\\") || key.contains("//")
                || key.chars().anyMatch(c -> c < 0x20)) {
            return false;
        }
        return Stream.of(key.split("/")).noneMatch(s -> s.equals("..") || s.equals(".") || s.length() > 255);
    }

    private static String printable(String s) {
        String shown = s.replace("\u0000", "\\0");
        return shown.length() > 40 ? shown.substring(0, 40) + "…(" + s.length() + " chars)" : shown;
    }
}
