package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UploadState;
import org.seqvault.store.sql.SqlMetadataStore;

/**
 * GET /v2/upload/multipart lists every upload of the caller that is still open, however many
 * finished ones they have (the SDK resumes from this listing), and finished sessions are deleted
 * once their retention (7 days past their expiry by default) has passed. The sessions of the past
 * are written straight to the server's database: making a thousand through the API would only be
 * slower.
 */
@OnEveryBackend
class UploadListingTest extends ScenarioSuite {
    @Test
    void anOpenUploadStaysListedBehindAThousandNewerFinishedOnes() {
        SbHttp sb = new SbHttp(fx.http, sc.user("lena", "files", "projects"));
        String project = sc.project(sc.token("lena", "files", "projects"), "Resume", false).get("id").asText();
        String oldest = init(sb, project, "oldest.bam");
        try (SqlMetadataStore db = fx.openMetadataStore()) {
            UploadSession open = db.read(tx -> tx.uploads().byId(oldest)).orElseThrow();
            List<UploadSession> finished = new ArrayList<>();
            List<UploadState> ends = List.of(UploadState.DONE, UploadState.ABORTED, UploadState.EXPIRED);
            for (int i = 1; i <= 1000; i++) {
                finished.add(past(open, i, ends.get(i % 3), open.createdAt().plusMillis(i), open.expiresAt()));
            }
            db.write(tx -> {
                finished.forEach(tx.uploads()::insert);
                return null;
            });
        }
        String middle = init(sb, project, "middle.bam");
        String newest = init(sb, project, "newest.bam");

        List<String> listed = new ArrayList<>();
        for (JsonNode page : sb.allPages("/upload/multipart?limit=2", 3)) {
            page.get("items").forEach(u -> listed.add(u.get("upload_id").asText()));
        }
        assertThat(listed).as("open uploads, newest first, paged").containsExactly(newest, middle, oldest);
    }

    @Test
    void finishedSessionsAreDeletedOnceTheirRetentionHasPassed() throws Exception {
        SbHttp sb = new SbHttp(fx.http, sc.user("rory", "files", "projects"));
        String project = sc.project(sc.token("rory", "files", "projects"), "Retention", false).get("id").asText();
        String open = init(sb, project, "open.bam");
        Instant now = Instant.now();
        Duration retention = Duration.ofDays(7);
        List<UploadSession> sessions = new ArrayList<>();
        try (SqlMetadataStore db = fx.openMetadataStore()) {
            UploadSession template = db.read(tx -> tx.uploads().byId(open)).orElseThrow();
            for (UploadState state : List.of(UploadState.DONE, UploadState.ABORTED, UploadState.EXPIRED)) {
                Instant longAgo = now.minus(retention).minus(Duration.ofHours(1));
                Instant recently = now.minus(retention).plus(Duration.ofHours(1));
                sessions.add(past(template, sessions.size() + 1, state, longAgo.minus(Duration.ofDays(1)), longAgo));
                sessions.add(past(template, sessions.size() + 1, state, recently.minus(Duration.ofDays(1)), recently));
            }
            db.write(tx -> {
                sessions.forEach(tx.uploads()::insert);
                return null;
            });
        }

        fx.server.collectNow();
        try (SqlMetadataStore db = fx.openMetadataStore()) {
            for (int i = 0; i < sessions.size(); i++) {
                UploadSession s = sessions.get(i);
                boolean kept = db.read(tx -> tx.uploads().byId(s.id())).isPresent();
                assertThat(kept).as("%s session whose expiry was %s", s.state(), i % 2 == 0 ? "past the retention"
                        : "within it").isEqualTo(i % 2 != 0);
                // An aborted upload is gone for its client at once (spec §12.5); the others while their row is kept.
                int status = sb.get("/upload/multipart/" + s.id()).status();
                assertThat(status).as("%s session, row %s", s.state(), kept ? "kept" : "deleted")
                        .isEqualTo(kept && s.state() != UploadState.ABORTED ? 200 : 404);
            }
        }
        assertThat(ok(sb.get("/upload/multipart/" + open), 200).get("status").asText()).isEqualTo("OPEN");
    }

    private static String init(SbHttp sb, String project, String name) {
        return ok(sb.post("/upload/multipart", Map.of("project", project, "name", name, "size", 10, "part_size", 10)),
                200).get("upload_id").asText();
    }

    /** A session of {@code like}'s user and target, in {@code state}, made at {@code created}. */
    private static UploadSession past(UploadSession like, int n, UploadState state, Instant created, Instant expires) {
        String id = like.id() + "_past" + n;
        return new UploadSession(id, like.userId(), like.projectId(), like.parentId(), like.folderPath(),
                "past-" + n + ".bam", 10, 10, 1, false, state, like.contentType(), null, null, null, null, null,
                created, expires);
    }
}
