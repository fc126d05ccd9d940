package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * audit_retention: records older than it are pruned, the rest kept. Time is the server's injected
 * clock, moved by the test; the pruning pass is the one the background executor runs hourly.
 */
class AuditRetentionTest {
    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final Duration RETENTION = Duration.ofDays(30);

    @ParameterizedTest
    @EnumSource(Backend.class)
    void recordsOlderThanTheRetentionArePrunedAndTheRestKept(Backend backend) {
        AtomicReference<Instant> now = new AtomicReference<>(T0);
        try (ServerFixture fx = new ServerFixture(backend, now::get, cfg -> cfg.withAuditRetention(RETENTION))) {
            ApiScenario sc = new ApiScenario(fx.http);
            // At T0: the bootstrap's user and token, lena and her token, and her first workspace.
            String lena = sc.user("lena", "files", "projects");
            sc.workspace(lena, "Old");
            now.set(T0.plus(Duration.ofDays(20)));
            sc.workspace(lena, "Recent");
            List<String> before = actions(fx);
            assertThat(before.getFirst()).isEqualTo("project.create Recent");
            // Records of the same instant (the clock stands still here) come in no particular order.
            assertThat(before.subList(1, before.size())).containsExactlyInAnyOrder("project.create Old",
                    "token.create lena", "user.create lena", "token.create admin", "user.create admin");

            now.set(T0.plus(RETENTION).plus(Duration.ofDays(1)));
            assertThat(fx.server.pruneAuditNow()).isEqualTo(5);
            assertThat(actions(fx)).containsExactly("project.create Recent");
            assertThat(fx.server.pruneAuditNow()).as("nothing older is left").isZero();

            now.set(T0.plus(Duration.ofDays(20)).plus(RETENTION));
            assertThat(fx.server.pruneAuditNow()).as("a record exactly as old as the retention stays").isZero();
            now.set(now.get().plusSeconds(1));
            assertThat(fx.server.pruneAuditNow()).isEqualTo(1);
            assertThat(actions(fx)).isEmpty();
        }
    }

    /** Every record's action and target, newest first. */
    private static List<String> actions(ServerFixture fx) {
        JsonNode page = ok(fx.http.get("/admin/v1/audit?limit=100", ServerFixture.ADMIN_TOKEN), 200);
        List<String> actions = new ArrayList<>();
        page.get("records").forEach(r -> actions.add(r.get("action").asText() + " " + r.get("target").asText()));
        return actions;
    }
}
