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

    /**
     * The same URL with every '%' that starts no escape written as {@code %25}: a mutation can
     * leave "%3D" as "%ID", which no HTTP client sends; this keeps the mutant as close as a client
     * can get to it.
     */
    SignedUrl sendable() {
        return new SignedUrl(origin, method, segments.stream().map(SignedUrl::escapeStrayPercents).toList(),
                query.stream().map(e -> Map.entry(escapeStrayPercents(e.getKey()), escapeStrayPercents(e.getValue())))
                        .toList());
    }

    private static String escapeStrayPercents(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean escape = c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2));
            b.append(c == '%' && !escape ? "%25" : String.valueOf(c));
        }
        return b.toString();
    }

    /** The URL with its percent-escapes in upper case: URLs that differ only there are the same (RFC 3986, 6.2.2.1). */
    String normalised() {
        String r = render();
        StringBuilder b = new StringBuilder(r.length());
        for (int i = 0; i < r.length(); i++) {
            boolean hexOfEscape = (i >= 1 && r.charAt(i - 1) == '%') || (i >= 2 && r.charAt(i - 2) == '%');
            b.append(hexOfEscape ? Character.toUpperCase(r.charAt(i)) : r.charAt(i));
        }
        return b.toString();
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
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
