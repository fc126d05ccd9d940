package org.seqvault.api.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqvault.api.http.RequestIds;
import org.seqvault.service.port.BlobStoreFailure;

/**
 * A broken connection to the blob store reads like a client that went away ("Broken pipe"), but
 * the client is still waiting: it is owed a 500 in its dialect, not the silent 400 kept for
 * clients that are gone.
 */
class ErrorsTest {
    private static Javalin app;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.routes.before(RequestIds::assign);
            Errors.install(config.routes);
            config.routes.addHttpHandler(HandlerType.POST, "/v1/store-broke", ctx -> {
                throw new UncheckedIOException(new BlobStoreFailure("S3 refused a part: Unable to execute HTTP"
                        + " request: Broken pipe", new SocketException("Broken pipe")));
            });
            config.routes.addHttpHandler(HandlerType.POST, "/v2/store-broke", ctx -> {
                throw new BlobStoreFailure("reading back failed", new SocketException("Connection reset"));
            });
            config.routes.addHttpHandler(HandlerType.POST, "/v1/client-gone", ctx -> {
                throw new UncheckedIOException(new IOException("Broken pipe"));
            });
        });
        app.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        app.stop();
    }

    @Test
    void aBlobStoreWhoseConnectionBrokeIsA500InTheWorkspaceFormat() throws Exception {
        HttpResponse<String> answer = post("/v1/store-broke");
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("\"code\":\"internal\"").contains("\"request_id\":\"req_")
                .doesNotContain("Broken pipe").doesNotContain("S3");
    }

    @Test
    void aBlobStoreWhoseConnectionBrokeIsA500InTheSevenBridgesFormat() throws Exception {
        HttpResponse<String> answer = post("/v2/store-broke");
        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("\"code\":90009").doesNotContain("Connection reset");
    }

    @Test
    void aClientWhoseConnectionBrokeStillGetsNoBody() throws Exception {
        HttpResponse<String> answer = post("/v1/client-gone");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.body()).isEmpty();
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
