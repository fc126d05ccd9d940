package org.seqvault.client.internal;

import java.net.URI;
import java.net.http.HttpRequest.BodyPublisher;
import java.time.Duration;

/**
 * One authenticated API request: method, path (or an absolute URL from a {@code next} link),
 * query and JSON body. {@link #repeatable()} says whether sending it twice is harmless, which
 * decides if a lost answer or a 5xx may be retried.
 */
public final class Call {
    private final String method;
    private final String path;
    private final URI absolute;
    private final QueryString query = new QueryString();
    private Object body;
    private BodyPublisher rawBody;
    private String rawType;
    private boolean repeatable;
    private boolean replayable = true;
    private Duration timeout;

    private Call(String method, String path, URI absolute) {
        this.method = method;
        this.path = path;
        this.absolute = absolute;
        this.repeatable = !method.equals("POST") && !method.equals("PATCH");
    }

    public static Call get(String path) {
        return new Call("GET", path, null);
    }

    public static Call get(URI url) {
        return new Call("GET", null, url);
    }

    public static Call post(String path) {
        return new Call("POST", path, null);
    }

    public static Call put(String path) {
        return new Call("PUT", path, null);
    }

    public static Call patch(String path) {
        return new Call("PATCH", path, null);
    }

    public static Call delete(String path) {
        return new Call("DELETE", path, null);
    }

    public Call query(String key, Object value) {
        query.add(key, value);
        return this;
    }

    public Call query(String key, java.util.Collection<?> values) {
        query.addAll(key, values);
        return this;
    }

    /** A JSON body: a tree, a map, a list or a record. */
    public Call body(Object json) {
        this.body = json;
        return this;
    }

    /**
     * A non-JSON body (a multipart form), streamed by {@code publisher}.
     *
     * @param replayable whether the publisher sends the same bytes when subscribed again (one that
     *                   reads a file does; one that reads a stream once does not): only then is the
     *                   call sent again after a 429
     */
    public Call body(BodyPublisher publisher, String contentType, boolean replayable) {
        this.rawBody = publisher;
        this.rawType = contentType;
        this.replayable = replayable;
        return this;
    }

    /** A longer wait for the answer than the usual request timeout (completing a large upload). */
    public Call timeout(Duration wait) {
        this.timeout = wait;
        return this;
    }

    /** Marks a POST or PATCH as safe to send twice (completing an upload, setting a value). */
    public Call repeatable() {
        this.repeatable = true;
        return this;
    }

    String method() {
        return method;
    }

    Object body() {
        return body;
    }

    BodyPublisher rawBody() {
        return rawBody;
    }

    String rawType() {
        return rawType;
    }

    Duration timeout() {
        return timeout;
    }

    boolean isRepeatable() {
        return repeatable;
    }

    boolean isReplayable() {
        return replayable;
    }

    URI uri(URI base) {
        if (absolute != null) {
            return absolute;
        }
        String q = query.encoded();
        return URI.create(base + path + (q.isEmpty() ? "" : "?" + q));
    }

    /** For error messages: "GET /v2/files". */
    String describe() {
        return method + " " + (absolute != null ? absolute.getPath() : path);
    }
}
