package org.seqvault.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.reliability.support.Accounts.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.reliability.support.Http;
import org.seqvault.reliability.support.ServerProcess;
import org.seqvault.service.port.AuditRepository;
import org.seqvault.service.port.UploadRepository;

/**
 * A change and its audit record commit together or not at all, with the database failing on cue
 * (see {@link FaultyMetadataStore}): a change whose record cannot be written is not made, and a
 * change whose transaction fails after its record was written leaves no "ok" record. Either way
 * the failed request is recorded as such, in a transaction of its own.
 */
class AuditAtomicityTest {

    @Test
    void aChangeWhoseRecordCannotBeWrittenIsNotMade(@TempDir Path data) throws Exception {
        AtomicReference<FaultyMetadataStore> db = new AtomicReference<>();
        try (WiredServer server = WiredServer.start(data, 1 << 20, 1 << 20,
                real -> { db.set(new FaultyMetadataStore(real)); return db.get(); })) {
            Uploads up = new Uploads(server.http);
            String fileId = expect(up.form("a.vcf", new byte[] {1, 2, 3}), 201).get("file_id").asText();

            db.get().failNext(AuditRepository.class, "insert");
            Http.Answer rename = server.http.call("PATCH", "/v2/files/" + fileId, up.token, Map.of("name", "b.vcf"));
            assertThat(rename.status()).as(rename.text()).isEqualTo(500);
            assertThat(db.get().struck()).isTrue();

            assertThat(up.keys()).as("the rename was rolled back with its record").containsExactly("a.vcf");
            List<JsonNode> records = recordsOf(server.http, rename);
            assertThat(records).extracting(r -> r.get("action").asText() + " " + r.get("outcome").asText())
                    .containsExactly("file.rename error");
            assertThat(records.get(0).get("target_id").asText()).isEqualTo(fileId);

            Http.Answer again = server.http.call("PATCH", "/v2/files/" + fileId, up.token, Map.of("name", "b.vcf"));
            assertThat(again.status()).isEqualTo(200);
            assertThat(up.keys()).containsExactly("b.vcf");
            assertThat(recordsOf(server.http, again)).extracting(r -> r.get("outcome").asText()).containsExactly("ok");
        }
    }

    @Test
    void aPublicationWhoseTransactionFailsAfterItsRecordLeavesNoOkRecord(@TempDir Path data) throws Exception {
        AtomicReference<FaultyMetadataStore> db = new AtomicReference<>();
        try (WiredServer server = WiredServer.start(data, 1 << 20, 1 << 20,
                real -> { db.set(new FaultyMetadataStore(real)); return db.get(); })) {
            Uploads up = new Uploads(server.http);
            byte[] bytes = {4, 5, 6, 7};
            JsonNode ticket = up.uploadUrl("late.bam", bytes.length);
            assertThat(up.http.put(ticket.get("uploadUrl").asText(), bytes).status()).isEqualTo(200);

            // The publishing transaction writes the file, then its record, then drops the parts' rows: that fails.
            db.get().failNext(UploadRepository.class, "deleteParts");
            Http.Answer failed = up.confirm(ticket, "late.bam", bytes.length);
            assertThat(failed.status()).as(failed.text()).isEqualTo(500);
            assertThat(db.get().struck()).isTrue();
            assertThat(up.keys()).as("nothing was published").isEmpty();
            assertThat(recordsOf(server.http, failed)).extracting(r -> r.get("action").asText() + " "
                    + r.get("outcome").asText()).containsExactly("file.upload error");
            assertThat(all(server.http)).as("no record says a file was published")
                    .noneMatch(r -> r.get("action").asText().equals("file.upload") && r.get("outcome").asText().equals("ok"));

            Http.Answer retried = up.confirm(ticket, "late.bam", bytes.length);
            assertThat(retried.status()).as(retried.text()).isEqualTo(201);
            assertThat(up.keys()).containsExactly("late.bam");
            List<JsonNode> published = recordsOf(server.http, retried);
            assertThat(published).extracting(r -> r.get("action").asText() + " " + r.get("outcome").asText())
                    .containsExactly("file.upload ok");
            assertThat(published.get(0).get("target_id").asText()).isEqualTo(retried.json().get("file_id").asText());
        }
    }

    private static List<JsonNode> recordsOf(Http http, Http.Answer answer) throws Exception {
        String requestId = answer.header("X-Request-Id");
        return all(http).stream().filter(r -> requestId.equals(r.path("request_id").asText())).toList();
    }

    private static List<JsonNode> all(Http http) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        expect(http.get("/admin/v1/audit?limit=1000", ServerProcess.ADMIN_TOKEN), 200).get("records")
                .forEach(records::add);
        return records;
    }
}
