package org.seqvault.client.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.seqvault.client.Listing;

/** The three ways the server pages a listing, as lazy {@link Listing}s. */
public final class Pages {
    private static final String TOTAL = "X-Total-Matching-Query";

    private Pages() {
    }

    /** v2 offset paging: {@code items} until offset + items reaches {@code X-Total-Matching-Query}. */
    public static <T> Listing<T> offsets(Api api, LongFunction<Call> callAt, Class<T> type) {
        return new Listing<>(() -> offsetPage(api, callAt, 0, type));
    }

    private static <T> Listing.Page<T> offsetPage(Api api, LongFunction<Call> callAt, long offset, Class<T> type) {
        Reply reply = api.send(callAt.apply(offset));
        List<T> items = items(reply.body().path("items"), type);
        long total = reply.headers().firstValueAsLong(TOTAL).orElse(offset + items.size());
        long next = offset + items.size();
        return new Listing.Page<>(items, items.isEmpty() || next >= total
                ? null : () -> offsetPage(api, callAt, next, type));
    }

    /** v2 scroll paging: {@code token=init}, then the token of each {@code next} link; stable under changes. */
    public static <T> Listing<T> scroll(Api api, Function<String, Call> callWith, Class<T> type) {
        return new Listing<>(() -> scrollPage(api, callWith, "init", type));
    }

    private static <T> Listing.Page<T> scrollPage(Api api, Function<String, Call> callWith, String token, Class<T> type) {
        JsonNode page = api.json(callWith.apply(token));
        String next = Links.nextParam(page, "token");
        return new Listing.Page<>(items(page.path("items"), type),
                next == null ? null : () -> scrollPage(api, callWith, next, type));
    }

    /** v1 cursor paging: the {@code field} array, then {@code next_cursor} until it is null. */
    public static <T> Listing<T> cursor(Api api, Function<String, Call> callWith, String field, Class<T> type) {
        return new Listing<>(() -> cursorPage(api, callWith, null, field, type));
    }

    private static <T> Listing.Page<T> cursorPage(Api api, Function<String, Call> callWith, String cursor, String field,
                                                 Class<T> type) {
        JsonNode page = api.json(callWith.apply(cursor));
        JsonNode next = page.path("next_cursor");
        String nextCursor = next.isTextual() && !next.asText().isEmpty() ? next.asText() : null;
        return new Listing.Page<>(items(page.path(field), type),
                nextCursor == null ? null : () -> cursorPage(api, callWith, nextCursor, field, type));
    }

    private static <T> List<T> items(JsonNode array, Class<T> type) {
        List<T> items = new ArrayList<>();
        for (JsonNode item : array) {
            items.add(type == JsonNode.class ? type.cast(item) : Json.bind(item, type));
        }
        return items;
    }
}
