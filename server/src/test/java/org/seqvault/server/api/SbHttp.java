package org.seqvault.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests as sevenbridges-python sends them: paths under {base}/v2, the token in
 * X-SBG-Auth-Token, Content-Type application/json and a JSON body on every call, so GET
 * carries {@code null} and DELETE {@code {}}. Absolute URLs (hrefs, links) are used verbatim.
 */
final class SbHttp {
    static final String TOTAL = "X-Total-Matching-Query";
    private final TestHttp http;
    private final String token;

    SbHttp(TestHttp http, String token) {
        this.http = http;
        this.token = token;
    }

    SbHttp as(String otherToken) {
        return new SbHttp(http, otherToken);
    }

    TestHttp.Response get(String path) {
        return call("GET", path, null);
    }

    TestHttp.Response delete(String path) {
        return call("DELETE", path, Map.of());
    }

    TestHttp.Response post(String path, Object body) {
        return call("POST", path, body);
    }

    TestHttp.Response put(String path, Object body) {
        return call("PUT", path, body);
    }

    TestHttp.Response patch(String path, Object body) {
        return call("PATCH", path, body);
    }

    TestHttp.Response call(String method, String path, Object body) {
        String url = path.startsWith("http") ? path : "/v2" + path;
        byte[] json;
        try {
            json = body instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : TestHttp.JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        String[] headers = token == null ? new String[0] : new String[] {"X-SBG-Auth-Token", token};
        return http.send(method, url, null, "application/json", json, headers);
    }

    /** The answer's JSON after checking its status (the message names the body when it differs). */
    static JsonNode ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as("%s", r.raw().body() == null ? "" : new String(r.bytes(), StandardCharsets.UTF_8))
                .isEqualTo(status);
        return r.json();
    }

    /** The names of a list answer's items, in their order. */
    static List<String> itemNames(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.get("items").forEach(item -> names.add(item.get("name").asText()));
        return names;
    }

    /**
     * Every page of a listing the way Collection.all() reads it: GET the first page, re-GET its
     * href, then follow rel=next links until there is none. Asserts the total header on each page.
     */
    List<JsonNode> allPages(String firstPath, long expectedTotal) {
        JsonNode first = ok(get(firstPath), 200);
        List<JsonNode> pages = new ArrayList<>();
        String next = first.get("href").asText();
        while (next != null) {
            assertThat(pages.size()).as("pages walked").isLessThan(10_000);
            TestHttp.Response r = get(next);
            JsonNode page = ok(r, 200);
            assertThat(r.header(TOTAL)).as("total header of %s", next).isEqualTo(Long.toString(expectedTotal));
            pages.add(page);
            next = null;
            for (JsonNode link : page.get("links")) {
                if (link.get("rel").asText().equalsIgnoreCase("next")) {
                    next = link.get("href").asText();
                }
            }
        }
        return pages;
    }

    /** Uploads {@code content} with the multipart protocol, parts in order; {@code target} is "project" or "parent". */
    JsonNode upload(String target, String targetId, String name, byte[] content, long partSize, String... query) {
        Map<String, Object> init = new HashMap<>(Map.of(target, targetId, "name", name, "size", content.length,
                "part_size", partSize));
        JsonNode upload = ok(post("/upload/multipart" + (query.length > 0 ? "?" + query[0] : ""), init), 200);
        String id = upload.get("upload_id").asText();
        long chosen = upload.get("part_size").asLong();
        for (ClientParts.Part part : ClientParts.split(content.length, chosen)) {
            String url = ok(get("/upload/multipart/" + id + "/part/" + part.number()), 200).get("url").asText();
            TestHttp.Response put = http.send("PUT", url, null, null, part.bytes(content));
            String etag = put.header("ETag") == null ? "" : put.header("ETag").replace("\"", "");
            ok(post("/upload/multipart/" + id + "/part/", ClientParts.report(part.number(), etag)), 204);
        }
        return ok(post("/upload/multipart/" + id + "/complete", "null"), 200);
    }
}
