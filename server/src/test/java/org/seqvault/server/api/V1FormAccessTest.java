package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A v1 form upload stores no byte before the caller is known to be allowed to write to the
 * workspace. Local files: the staging area is made unwritable (a plain file where its directory
 * goes), so any attempt to stage would fail the request as a storage error instead of the answer
 * the caller is owed.
 */
class V1FormAccessTest {
    private static final int EARLY_LIMIT = 64 * 1024;
    private static ServerFixture fx;
    private static TestHttp http;
    private static String owner;
    private static String stranger;
    private static String reader;
    private static String workspace;

    @BeforeAll
    static void start() {
        fx = new ServerFixture(Backend.SQLITE_AND_FILES);
        http = fx.http;
        ApiScenario sc = new ApiScenario(http);
        owner = sc.user("olive", "files", "projects");
        stranger = sc.user("sven", "files", "projects");
        reader = sc.user("rosa", "files", "projects");
        JsonNode ws = sc.workspace(owner, "Private");
        workspace = ws.get("workspace_id").asText();
        String ref = http.get("/v2/projects", owner).json().at("/items/0/id").asText();
        sc.addMember(owner, ref, "rosa", Map.of("read", true));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void aStrangerIsAnsweredAsForAMissingWorkspaceWithNothingStored() throws IOException {
        byte[] file = new byte[200_000];
        withStagingUnwritable(() -> {
            TestHttp.Response hidden = upload(stranger, workspace, file);
            TestHttp.Response missing = upload(stranger, "ws_doesnotexist0000", file);
            assertThat(hidden.status()).as(hidden.json().toString()).isEqualTo(404);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(withoutRequestId(hidden.json()).toString())
                    .isEqualTo(withoutRequestId(missing.json()).toString().replace("ws_doesnotexist0000", workspace));

            TestHttp.Response readOnly = upload(reader, workspace, file);
            assertThat(readOnly.status()).as(readOnly.json().toString()).isEqualTo(403);
            assertThat(readOnly.json().at("/error/code").asText()).isEqualTo("forbidden");
            assertThat(upload(owner, workspace, file).status()).as("staging is really unwritable").isEqualTo(500);
        });
        assertThat(upload(owner, workspace, file).status()).as("the owner's upload works").isEqualTo(201);
    }

    /** requests sends its data fields first, curl -F in the order given; a small file may come first. */
    @Test
    void aFileBeforeItsWorkspaceIsKeptOnlyWhileSmall() throws IOException {
        TestHttp.Response small = fileFirst(owner, "small-first.bin", new byte[EARLY_LIMIT]);
        assertThat(small.status()).as(small.json().toString()).isEqualTo(201);
        assertThat(small.json().get("size").asInt()).isEqualTo(EARLY_LIMIT);

        withStagingUnwritable(() -> {
            TestHttp.Response large = fileFirst(owner, "large-first.bin", new byte[EARLY_LIMIT + 1]);
            assertThat(large.status()).as(large.json().toString()).isEqualTo(400);
            assertThat(large.json().at("/error/message").asText())
                    .startsWith("send the 'workspace_id' field before the 'file' field");
            TestHttp.Response strangerFirst = fileFirst(stranger, "small-first.bin", new byte[10]);
            assertThat(strangerFirst.status()).as(strangerFirst.json().toString()).isEqualTo(404);
        });
    }

    private static TestHttp.Response upload(String token, String ws, byte[] content) {
        return http.postForm("/v1/files/upload", token, List.<String[]>of(new String[] {"workspace_id", ws}),
                "data.bin", content);
    }

    /** A form whose file field comes before workspace_id. */
    private static TestHttp.Response fileFirst(String token, String name, byte[] content) {
        String boundary = "----first";
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes());
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"workspace_id\"\r\n\r\n"
                + workspace + "\r\n--" + boundary + "--\r\n").getBytes());
        return http.send("POST", "/v1/files/upload", token, "multipart/form-data; boundary=" + boundary,
                body.toByteArray());
    }

    private static JsonNode withoutRequestId(JsonNode error) {
        JsonNode copy = error.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy.get("error")).remove("request_id");
        return copy;
    }

    /** Runs {@code check} while the local store's staging directory cannot be created. */
    private static void withStagingUnwritable(Runnable check) throws IOException {
        Path staging = fx.dataDir().resolve("blobs").resolve("staging");
        try (var left = Files.exists(staging) ? Files.list(staging) : java.util.stream.Stream.<Path>empty()) {
            assertThat(left).as("nothing staged before").isEmpty();
        }
        Files.deleteIfExists(staging);
        Files.writeString(staging, "not a directory");
        try {
            check.run();
        } finally {
            Files.delete(staging);
        }
    }
}
