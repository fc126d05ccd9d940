package org.seqvault.reliability.presign;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A presigned URL taken apart into what a mutation can change: the method it was issued for,
 * the raw (still percent-encoded) path segments, and the query parameters in order. Nothing here
 * knows the server's signing scheme, so the same mutations apply to the server's own URLs and to
 * S3's.
 */
record SignedUrl(String origin, String method, List<String> segments, List<Map.Entry<String, String>> query) {

    static SignedUrl parse(String url, String method) {
        URI uri = URI.create(url);
        String origin = uri.getScheme() + "://" + uri.getRawAuthority();
        List<String> segments = Arrays.asList(uri.getRawPath().substring(1).split("/", -1));
        List<Map.Entry<String, String>> query = new ArrayList<>();
        for (String pair : uri.getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            query.add(Map.entry(pair.substring(0, eq), pair.substring(eq + 1)));
        }
        return new SignedUrl(origin, method, List.copyOf(segments), List.copyOf(query));
    }

    String render() {
        return origin + "/" + String.join("/", segments) + "?" + query.stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("&"));
    }

    SignedUrl withMethod(String m) {
        return new SignedUrl(origin, m, segments, query);
    }

    SignedUrl withSegment(int index, String value) {
        List<String> s = new ArrayList<>(segments);
        s.set(index, value);
        return new SignedUrl(origin, method, s, query);
    }

    SignedUrl withSegments(List<String> s) {
        return new SignedUrl(origin, method, List.copyOf(s), query);
    }

    SignedUrl withQuery(List<Map.Entry<String, String>> q) {
        return new SignedUrl(origin, method, segments, List.copyOf(q));
    }

    SignedUrl withParam(int index, String value) {
        List<Map.Entry<String, String>> q = new ArrayList<>(query);
        q.set(index, Map.entry(query.get(index).getKey(), value));
        return withQuery(q);
    }

    SignedUrl withoutParam(int index) {
        List<Map.Entry<String, String>> q = new ArrayList<>(query);
        q.remove(index);
        return withQuery(q);
    }

    /** Another value for a parameter, placed before the genuine one (servers read the first). */
    SignedUrl withParamShadowed(int index, String value) {
        List<Map.Entry<String, String>> q = new ArrayList<>(query);
        q.add(0, Map.entry(query.get(index).getKey(), value));
        return withQuery(q);
    }
}
