package org.seqvault.api.v2;

import io.javalin.http.Context;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seqvault.domain.UserException;

/**
 * The query string as ordered, possibly repeated pairs, exactly as sent: list hrefs repeat
 * the caller's filters in their order, and an empty value ({@code name=}) is kept, not dropped.
 */
record QueryString(List<Map.Entry<String, String>> pairs) {

    QueryString {
        pairs = List.copyOf(pairs);
    }

    static QueryString of(Context ctx) {
        String raw = ctx.queryString();
        List<Map.Entry<String, String>> pairs = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return new QueryString(pairs);
        }
        for (String part : raw.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(Map.entry(decode(key), decode(value)));
        }
        return new QueryString(pairs);
    }

    /** Every value of {@code key}, in order; empty when absent. */
    List<String> all(String key) {
        return pairs.stream().filter(p -> p.getKey().equals(key)).map(Map.Entry::getValue).toList();
    }

    boolean has(String key) {
        return pairs.stream().anyMatch(p -> p.getKey().equals(key));
    }

    /** The last value of {@code key}, or null when absent. */
    String last(String key) {
        List<String> values = all(key);
        return values.isEmpty() ? null : values.getLast();
    }

    /** The pairs without the given keys (a page's own offset, limit or token). */
    List<Map.Entry<String, String>> without(String... keys) {
        List<String> drop = List.of(keys);
        return pairs.stream().filter(p -> !drop.contains(p.getKey())).toList();
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw UserException.invalid("the query string is not properly percent-encoded");
        }
    }
}
