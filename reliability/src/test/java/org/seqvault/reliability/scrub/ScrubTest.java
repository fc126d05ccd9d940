package org.seqvault.reliability.scrub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.reliability.support.Accounts.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqvault.reliability.backend.Backend;
import org.seqvault.reliability.backend.RecordedBlobs;
import org.seqvault.reliability.backend.StoredBlobs;
import org.seqvault.reliability.support.Accounts;
import org.seqvault.reliability.support.Cli;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.Results;
import org.seqvault.reliability.support.ScrubOutput;
import org.seqvault.reliability.support.ServerProcess;

/**
 * {@code seqvault scrub}, run beside the live server as an operator would: clean store, exit 0;
 * one byte flipped in a multi-part blob and one blob deleted behind the server's back (on disk, or
 * by overwriting and deleting the S3 objects), exit 1 naming exactly those two; a data directory
 * with no database, exit 2 rather than a clean report of nothing.
 */
class ScrubTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.seqvault.reliability.backend.Backends#selected")
    void scrubFindsAFlippedByteAndAMissingBlob(Backend backend, @TempDir Path tmp) throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        int part = (int) Math.max(64 * 1024, backend.smallestPart());
        try (ServerProcess server = ServerProcess.start(backend.freshStore(data), "--single-put-limit",
                Integer.toString(part), "--rate-limit", "0")) {
            Http http = new Http(server.url());
            Accounts accounts = new Accounts(http, ServerProcess.ADMIN_TOKEN);
            String token = accounts.userWithToken("keeper", "files", "projects");
            String workspace = accounts.workspace(token, "archive").get("workspace_id").asText();
            StoredBlobs stored = backend.storedBlobs(server.env());
            List<String> blobs = new ArrayList<>();
            blobs.add(blobOf(server, expect(http.form("/v1/files/upload", token, List.<String[]>of(
                    new String[] {"workspace_id", workspace}), "intact.bin", bytes(100_000, 1)), 201)));
            blobs.add(blobOf(server, presignedInParts(http, token, workspace, "flipped.bin",
                    bytes(part + part / 2, 2))));
            blobs.add(blobOf(server, expect(http.form("/v1/files/upload", token, List.<String[]>of(
                    new String[] {"workspace_id", workspace}), "lost.bin", bytes(50_000, 3)), 201)));

            ScrubOutput clean = ScrubOutput.parse(Cli.run(server.env(), "scrub"));
            assertThat(clean.exitCode()).as(clean.text()).isZero();
            assertThat(clean.checked()).isEqualTo(3);

            stored.flipOneByte(blobs.get(1), part + 12_345);
            stored.delete(blobs.get(2));

            Cli.Result damaged = Cli.run(server.env(), "scrub");
            ScrubOutput found = ScrubOutput.parse(damaged);
            assertThat(found.exitCode()).as(damaged.output()).isEqualTo(1);
            assertThat(found.corrupt()).isEqualTo(1);
            assertThat(found.missing()).isEqualTo(1);
            assertThat(damaged.output()).contains("CORRUPT blob " + blobs.get(1)).contains("MISSING blob " + blobs.get(2))
                    .doesNotContain(blobs.get(0));

            Cli.Result nowhere = Cli.run(Map.of("SEQVAULT_DATA_DIR", tmp.resolve("nowhere").toString()), "scrub");
            assertThat(nowhere.exitCode()).as(nowhere.output()).isEqualTo(2);
            assertThat(nowhere.output()).contains("there is no database");
            new Results("scrub-" + backend.name()).put("blobs_checked", clean.checked())
                    .put("flipped_byte_reported", found.corrupt() == 1).put("deleted_blob_reported", found.missing() == 1)
                    .put("exit_codes_clean_damaged_nodatabase", clean.exitCode() + "/" + found.exitCode() + "/"
                            + nowhere.exitCode())
                    .write();
        }
    }

    /** The blob id of a file, as the database records it. */
    private static String blobOf(ServerProcess server, JsonNode file) {
        return RecordedBlobs.blobOf(server.env(), file.get("file_id").asText());
    }

    private static JsonNode presignedInParts(Http http, String token, String workspace, String name, byte[] bytes)
            throws Exception {
        JsonNode ticket = expect(http.call("POST", "/v1/files/upload-url", token, Map.of("filename", name,
                "workspace_id", workspace, "size", bytes.length)), 201);
        int partSize = ticket.get("partSize").asInt();
        for (JsonNode part : ticket.get("parts")) {
            int n = part.get("partNumber").asInt();
            byte[] slice = java.util.Arrays.copyOfRange(bytes, (n - 1) * partSize, Math.min(bytes.length, n * partSize));
            expect(http.put(part.get("uploadUrl").asText(), slice), 200);
        }
        return expect(http.call("POST", "/v1/files/upload-confirm", token, Map.of("file_key",
                ticket.get("fileKey").asText(), "workspace_id", workspace, "filename", name, "size", bytes.length)), 201);
    }

    private static byte[] bytes(int size, int seed) {
        byte[] b = new byte[size];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }
}
