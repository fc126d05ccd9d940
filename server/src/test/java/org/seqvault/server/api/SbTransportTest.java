package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.server.api.SbHttp.ok;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;

/** Transport habits of the Python client that a server must take in its stride. */
@OnEveryBackend
class SbTransportTest extends BackendSuite {
    static ServerFixture fx;

    @BeforeParameterizedClassInvocation
    static void start(Backend backend) {
        fx = new ServerFixture(backend);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fx.close();
    }

    /**
     * The client sends a JSON body ({@code null}) with every GET and {@code {}} with every
     * DELETE. Those bodies must be read and dropped, or the server closes the kept-alive
     * connection under the next request, and a non-idempotent one (POST, PATCH) then fails.
     */
    @Test
    void getAndDeleteBodiesLeaveTheConnectionUsable() {
        ApiScenario sc = new ApiScenario(fx.http);
        String token = sc.user("tess", "files", "projects");
        SbHttp sb = new SbHttp(fx.http, token);
        String project = sc.project(token, "Keepalive", false).get("id").asText();
        String file = sb.upload("project", project, "k.txt", new byte[] {1}, 1024).get("id").asText();
        Map<String, Object> bulkGet = Map.of("file_ids", List.of(file));
        for (int i = 0; i < 100; i++) {
            ok(sb.get("/files/" + file), 200);
            ok(sb.post("/bulk/files/get", bulkGet), 200);
            assertThat(sb.delete("/upload/multipart/up_aaaaaaaaaaaaaaaa").status()).isEqualTo(404);
            ok(sb.post("/bulk/files/get", bulkGet), 200);
        }
    }
}
