package org.seqvault.client.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import org.seqvault.client.ClientOptions;
import org.seqvault.client.SeqVaultException;

/**
 * Authenticated JSON calls to the server's API, retried by the {@link Retrier}. Errors become
 * typed exceptions through the {@link ErrorDecoder}.
 */
public final class Api {
    private final HttpClient http;
    private final URI base;
    private final String authorization;
    private final ClientOptions options;
    private final Retrier retrier;

    public Api(HttpClient http, URI base, String token, ClientOptions options) {
        this.http = http;
        this.base = base;
        this.authorization = "Bearer " + token;
        this.options = options;
        this.retrier = new Retrier(options.retry(), options.rateLimited());
    }

    public URI base() {
        return base;
    }

    public HttpClient http() {
        return http;
    }

    public ClientOptions options() {
        return options;
    }

    public Retrier retrier() {
        return retrier;
    }

    /**
     * How long to wait for the server to publish an upload of {@code size} bytes: it may read
     * them all again to hash them (a multi-part upload on local storage), so the usual request
     * timeout plus a second per 100 MiB. Timing out early would only queue a second completion
     * behind the first.
     */
    public Duration completionTimeout(long size) {
        return options.requestTimeout().plusSeconds(size / (100L << 20));
    }

    public Reply send(Call call) {
        return retrier.run(call.describe(), call.isRepeatable(), call.isReplayable(), attempt -> once(call),
                (n, e, w) -> { });
    }

    public JsonNode json(Call call) {
        return send(call).body();
    }

    public <T> T as(Call call, Class<T> type) {
        return Json.bind(json(call), type);
    }

    public <T> T as(Call call, TypeReference<T> type) {
        JsonNode node = json(call);
        try {
            return Json.MAPPER.treeToValue(node, Json.MAPPER.constructType(type));
        } catch (IOException | IllegalArgumentException e) {
            throw new SeqVaultException("unexpected answer from the server to " + call.describe() + ": "
                    + e.getMessage(), e);
        }
    }

    private Reply once(Call call) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(call.uri(base))
                .timeout(call.timeout() != null ? call.timeout() : options.requestTimeout())
                .header("Authorization", authorization)
                .header("User-Agent", options.userAgent())
                .header("Accept", "application/json");
        if (call.rawBody() != null) {
            request.header("Content-Type", call.rawType()).method(call.method(), call.rawBody());
        } else if (call.body() != null) {
            request.header("Content-Type", "application/json")
                    .method(call.method(), BodyPublishers.ofString(Json.write(call.body())));
        } else {
            request.method(call.method(), BodyPublishers.noBody());
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), BodyHandlers.ofByteArray());
        } catch (ConnectException e) {
            throw Unreachable.to(base, e);
        }
        if (response.statusCode() >= 400) {
            throw ErrorDecoder.decode(response.statusCode(), response.headers(), response.body());
        }
        byte[] body = response.body();
        JsonNode json;
        try {
            json = body.length == 0 ? NullNode.instance : Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw new SeqVaultException("the server's answer to " + call.describe() + " is not JSON", e);
        }
        return new Reply(response.statusCode(), response.headers(), json == null ? NullNode.instance : json);
    }
}
