package org.seqvault.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Reads the {@code rel: next} link of a v2 list envelope. Only its parameters are used: the
 * link's host is the server's public URL, which need not be the address this client reached it by.
 */
final class Links {
    private Links() {
    }

    /** @return the value of {@code param} in the next link's query, or null on the last page */
    static String nextParam(JsonNode envelope, String param) {
        for (JsonNode link : envelope.path("links")) {
            if ("next".equalsIgnoreCase(link.path("rel").asText())) {
                String query = URI.create(link.path("href").asText()).getRawQuery();
                return query == null ? null : param(query, param);
            }
        }
        return null;
    }

    private static String param(String rawQuery, String name) {
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
