package org.seqvault.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 document of every public route, written by hand in {@value #RESOURCE} and served
 * as JSON at {@value #PATH} without a token. Tests hold it to the route table and to the golden
 * answers, so it cannot drift from what the server does (see docs/openapi.md).
 */
public final class OpenApi {
    public static final String PATH = "/openapi.json";
    public static final String RESOURCE = "/org/seqvault/api/openapi.yaml";

    private static final class Loaded {
        // Parsed once, on the first request: a broken document fails that request, and the test that reads it.
        static final JsonNode TREE = read();
        static final byte[] JSON = bytes(TREE);
    }

    private OpenApi() {
    }

    /** The document as a JSON tree. */
    public static JsonNode document() {
        return Loaded.TREE;
    }

    public static void serve(Context ctx) {
        ctx.contentType("application/json").result(Loaded.JSON);
    }

    private static JsonNode read() {
        try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static byte[] bytes(JsonNode tree) {
        try {
            return new ObjectMapper().writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
