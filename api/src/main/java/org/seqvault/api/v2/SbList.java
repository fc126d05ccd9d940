package org.seqvault.api.v2;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Seven Bridges list envelope: href of this page, items, next/prev links, and the
 * mandatory X-Total-Matching-Query header. No "next" on the last page, or the client loops.
 */
public final class SbList {
    public static final String TOTAL_HEADER = "X-Total-Matching-Query";

    private SbList() {
    }

    /**
     * Renders an offset page. {@code query} holds the call's parameters except offset and
     * limit, in the order they should appear in the links.
     */
    public static void offsetPage(Context ctx, Hrefs hrefs, String path, List<Map.Entry<String, String>> query,
                                  List<?> items, long offset, int limit, long total) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("href", hrefs.of(path, withPage(query, offset, limit)));
        body.put("items", items);
        List<Map<String, Object>> links = new ArrayList<>();
        if (offset + items.size() < total) {
            links.add(link(hrefs.of(path, withPage(query, offset + limit, limit)), "next"));
        }
        if (offset > 0) {
            links.add(link(hrefs.of(path, withPage(query, Math.max(0, offset - limit), limit)), "prev"));
        }
        body.put("links", links);
        ctx.header(TOTAL_HEADER, Long.toString(total));
        ctx.json(body);
    }

    /**
     * Renders a scroll page: {@code token} is the one this page was asked with, {@code nextToken}
     * continues after it (null on the last page, so no "next"). Scrolls never go back.
     */
    public static void scrollPage(Context ctx, Hrefs hrefs, String path, List<Map.Entry<String, String>> query,
                                  List<?> items, String token, String nextToken, int limit, long total) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("href", hrefs.of(path, withToken(query, token, limit)));
        body.put("items", items);
        List<Map<String, Object>> links = new ArrayList<>();
        if (nextToken != null) {
            links.add(link(hrefs.of(path, withToken(query, nextToken, limit)), "next"));
        }
        body.put("links", links);
        ctx.header(TOTAL_HEADER, Long.toString(total));
        ctx.json(body);
    }

    public static Map<String, Object> link(String href, String rel) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("href", href);
        m.put("rel", rel);
        m.put("method", "GET");
        return m;
    }

    private static List<Map.Entry<String, String>> withToken(List<Map.Entry<String, String>> query, String token,
                                                             int limit) {
        List<Map.Entry<String, String>> q = new ArrayList<>(query);
        q.add(Map.entry("token", token));
        q.add(Map.entry("limit", Integer.toString(limit)));
        return q;
    }

    private static List<Map.Entry<String, String>> withPage(List<Map.Entry<String, String>> query, long offset, int limit) {
        List<Map.Entry<String, String>> q = new ArrayList<>(query);
        q.add(Map.entry("offset", Long.toString(offset)));
        q.add(Map.entry("limit", Integer.toString(limit)));
        return q;
    }
}
