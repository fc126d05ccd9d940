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
import org.eclipse.jetty.io.EofException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqvault.api.http.RequestIds;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.BlobStoreFailure;

/**
 * A client that went away is known by Jetty's EofException (what Jetty throws when a request body
 * stops short or a write to the client fails) and gets the silent 400 nobody reads. Anything else
 * is owed a 500 in its dialect, whatever its message says: a broken connection to the blob store
 * or to anything else reads like a client that went away ("Broken pipe", "Connection reset"), but
 * the client is still waiting.
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
            config.routes.addHttpHandler(HandlerType.POST, "/ga4gh/drs/v1/store-broke", ctx -> {
                throw new BlobStoreFailure("reading back failed", new SocketException("Connection reset"));
            });
            config.routes.addHttpHandler(HandlerType.POST, "/ga4gh/drs/v1/refused", ctx -> {
                throw new UserException(Problem.PAYLOAD_TOO_LARGE, "too many ids");
            });
            config.routes.addHttpHandler(HandlerType.POST, "/v1/client-gone", ctx -> {
                throw new UncheckedIOException(new EofException("Early EOF"));
            });
            config.routes.addHttpHandler(HandlerType.POST, "/v1/client-gone-under-a-parser", ctx -> {
                throw new IOException("the multipart stream ended", new EofException(new IOException("Broken pipe")));
            });
            config.routes.addHttpHandler(HandlerType.POST, "/v1/other-pipe-broke", ctx -> {
                throw new UncheckedIOException(new IOException("Broken pipe"));
            });
            config.routes.addHttpHandler(HandlerType.POST, "/v2/other-socket-reset", ctx -> {
                throw new UncheckedIOException(new SocketException("Connection reset"));
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
    void drsPathsAnswerInTheDrsFormat() throws Exception {
        HttpResponse<String> internal = post("/ga4gh/drs/v1/store-broke");
        assertThat(internal.statusCode()).isEqualTo(500);
        assertThat(internal.body()).startsWith("{\"msg\":\"internal error; quote request id req_")
                .endsWith("\",\"status_code\":500}").doesNotContain("Connection reset");
        HttpResponse<String> refused = post("/ga4gh/drs/v1/refused");
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body()).isEqualTo("{\"msg\":\"too many ids\",\"status_code\":413}");
        HttpResponse<String> noRoute = post("/ga4gh/drs/v1/nothing-here");
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(noRoute.body()).isEqualTo(
                "{\"msg\":\"no such endpoint: POST /ga4gh/drs/v1/nothing-here\",\"status_code\":404}");
        assertThat(new String(JettyErrors.body("/ga4gh/drs/v1/objects/x", 400, "Ambiguous URI"),
                java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"msg\":\"the request could not be handled: Ambiguous URI\",\"status_code\":400}");
    }

    @Test
    void aClientWhoseConnectionBrokeStillGetsNoBody() throws Exception {
        for (String path : new String[] {"/v1/client-gone", "/v1/client-gone-under-a-parser"}) {
            HttpResponse<String> answer = post(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.body()).as(path).isEmpty();
        }
    }

    @Test
    void anotherConnectionThatBrokeIsA500WhateverItsMessageSays() throws Exception {
        HttpResponse<String> pipe = post("/v1/other-pipe-broke");
        assertThat(pipe.statusCode()).isEqualTo(500);
        assertThat(pipe.body()).contains("\"code\":\"internal\"").doesNotContain("Broken pipe");
        HttpResponse<String> reset = post("/v2/other-socket-reset");
        assertThat(reset.statusCode()).isEqualTo(500);
        assertThat(reset.body()).contains("\"code\":90009").doesNotContain("Connection reset");
    }

    private static HttpResponse<String> post(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }
}
