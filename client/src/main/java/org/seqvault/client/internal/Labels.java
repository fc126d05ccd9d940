package org.seqvault.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqvault.client.RemoteFile;

/**
 * Merges metadata into a file and (when given) replaces its tags, in one request: a bulk edit of
 * one item. {@code PATCH /v2/files/{id}} would replace the whole metadata, keys added meanwhile
 * (by another client, or read from the file's header by the server) included.
 */
public final class Labels {
    private Labels() {
    }

    /** @return the changed file; a refusal is thrown as the same typed exception a single call would raise */
    public static RemoteFile merge(Api api, String id, Map<String, String> metadata, List<String> tags) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", id);
        item.put("metadata", metadata == null ? Map.of() : metadata);
        if (tags != null) {
            item.put("tags", tags);
        }
        JsonNode answer = api.json(Call.post("/v2/bulk/files/edit").body(Map.of("items", List.of(item))).repeatable());
        JsonNode result = answer.path("items").path(0);
        if (result.path("error").isObject()) {
            throw ErrorDecoder.item(result.path("error"));
        }
        return Json.bind(result.path("resource"), RemoteFile.class);
    }
}
