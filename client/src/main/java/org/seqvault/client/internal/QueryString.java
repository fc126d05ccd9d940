package org.seqvault.client.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Query parameters in order, repeated keys allowed ({@code tag=a&tag=b}); null values are left out. */
public final class QueryString {
    private final List<Map.Entry<String, String>> pairs = new ArrayList<>();

    public QueryString add(String key, Object value) {
        if (value != null) {
            pairs.add(Map.entry(key, value.toString()));
        }
        return this;
    }

    public QueryString addAll(String key, Collection<?> values) {
        values.forEach(v -> add(key, v));
        return this;
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** {@code a=1&b=x%2Fy}, or "" when empty. */
    public String encoded() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> p : pairs) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(encode(p.getKey())).append('=').append(encode(p.getValue()));
        }
        return sb.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
