package org.seqvault.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.Results;

/**
 * A disk that fills up or fails under every upload path, injected into the real local store
 * (see {@link FaultyBlobStore}): a full disk answers 507 and an I/O error 500, each in the
 * dialect's format and without details; nothing is published; the partly written bytes are gone
 * at once; the same uploads succeed once the disk is healthy again, and nothing is left for the
 * collector.
 */
class InjectedFaultsTest {
    private static final int SIZE = 3 * FaultyBlobStore.BYTES_BEFORE_WRITE_FAULT;

    @Test
    void aFullDiskRefusesEveryUploadWith507AndKeepsServing(@TempDir Path data) throws Exception {
        try (WiredServer server = WiredServer.start(data, 1 << 20, 1 << 20)) {
            Uploads up = new Uploads(server.http);
            byte[] bytes = new byte[SIZE];
            new java.util.Random(7).nextBytes(bytes);
            server.blobs.onWrite.set(Fault.NO_SPACE);

            int refused = 0;
            refused += assertV1(up.form("form.bin", bytes), 507, "insufficient_storage");
            JsonNode ticket = up.uploadUrl("presigned.bin", SIZE);
            refused += assertV1(up.http.put(ticket.get("uploadUrl").asText(), bytes), 507, "insufficient_storage");
            String upload = up.multipart("multipart.bin", SIZE, SIZE);
            String partUrl = up.partUrl(upload, 1);
            refused += assertV1(up.http.put(partUrl, bytes), 507, "insufficient_storage");

            assertThat(up.keys()).as("published while the disk was full").isEmpty();
            assertThat(stagedFiles(data)).as("partly written parts").isEmpty();

            server.blobs.heal();
            assertThat(up.form("form.bin", bytes).status()).isEqualTo(201);
            assertThat(up.http.put(ticket.get("uploadUrl").asText(), bytes).status()).isEqualTo(200);
            assertThat(up.confirm(ticket, "presigned.bin", SIZE).status()).isEqualTo(201);
            assertThat(up.http.put(partUrl, bytes).status()).isEqualTo(200);
            assertThat(up.complete(upload).status()).isEqualTo(200);
            for (String key : List.of("form.bin", "presigned.bin", "multipart.bin")) {
                assertThat(up.download(key).bytes()).as(key).isEqualTo(bytes);
            }
            server.collector.collect();
            assertThat(server.reclaimable().nothing()).as(server.reclaimable().toString()).isTrue();
            new Results("injected-enospc").put("upload_paths_refused_with_507", refused)
                    .put("published_while_full", 0).put("staged_files_left", 0).put("uploads_after_recovery", 3).write();
        }
    }

    @Test
    void ioErrorsAnswer500WithoutDetailsAndUploadsRecover(@TempDir Path data) throws Exception {
        try (WiredServer server = WiredServer.start(data, 1 << 20, 1 << 20)) {
            Uploads up = new Uploads(server.http);
            byte[] bytes = new byte[SIZE];
            new java.util.Random(11).nextBytes(bytes);

            int failed = 0;
            server.blobs.onWrite.set(Fault.IO_ERROR);
            failed += assertV1(up.form("form.bin", bytes), 500, "internal");
            assertThat(stagedFiles(data)).as("partly written parts").isEmpty();
            server.blobs.heal();
            assertThat(up.form("form.bin", bytes).status()).isEqualTo(201);

            // A failed assembly leaves the upload completing; completing it again finishes the job.
            JsonNode ticket = up.uploadUrl("presigned.bin", SIZE);
            assertThat(up.http.put(ticket.get("uploadUrl").asText(), bytes).status()).isEqualTo(200);
            server.blobs.onAssemble.set(Fault.IO_ERROR);
            failed += assertV1(up.confirm(ticket, "presigned.bin", SIZE), 500, "internal");
            String upload = up.multipart("multipart.bin", SIZE, SIZE);
            server.blobs.heal();
            assertThat(up.http.put(up.partUrl(upload, 1), bytes).status()).isEqualTo(200);
            server.blobs.onAssemble.set(Fault.IO_ERROR);
            Http.Answer sb = up.complete(upload);
            assertThat(sb.status()).as(sb.text()).isEqualTo(500);
            assertThat(sb.json().get("status").asInt()).isEqualTo(500);
            assertThat(sb.json().get("code").asInt()).isEqualTo(90009);
            assertThat(sb.text()).doesNotContain("Input/output error").doesNotContain("Exception");
            failed++;
            assertThat(up.keys()).as("published while assembly failed").containsExactly("form.bin");
            server.blobs.heal();
            assertThat(up.confirm(ticket, "presigned.bin", SIZE).status()).isEqualTo(201);
            assertThat(up.complete(upload).status()).isEqualTo(200);

            server.blobs.onRead.set(Fault.IO_ERROR);
            failed += assertV1(up.download("form.bin"), 500, "internal");
            server.blobs.heal();
            for (String key : List.of("form.bin", "presigned.bin", "multipart.bin")) {
                assertThat(up.download(key).bytes()).as(key).isEqualTo(bytes);
            }
            server.collector.collect();
            assertThat(server.reclaimable().nothing()).as(server.reclaimable().toString()).isTrue();
            new Results("injected-eio").put("failures_answered_500_without_details", failed)
                    .put("uploads_completed_after_recovery", 3).write();
        }
    }

    /** A workspace-API error: the status, its code, a request id, and no internals. Returns 1, to count it. */
    static int assertV1(Http.Answer answer, int status, String code) {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.json().get("error").get("code").asText()).isEqualTo(code);
        assertThat(answer.json().get("error").get("request_id").asText()).startsWith("req_");
        assertThat(answer.text()).doesNotContain("Input/output error").doesNotContain("Exception").doesNotContain("\tat ");
        return 1;
    }

    static List<Path> stagedFiles(Path data) throws Exception {
        Path staging = data.resolve("blobs").resolve("staging");
        if (!Files.exists(staging)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(staging)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}
