package org.seqvault.service.file;

import java.util.List;

/** One page of a scroll, the token that continues it (null on the last page) and the number of matches in all. */
public record ScrollPage(List<Located> items, String nextToken, long total) {
    public ScrollPage {
        items = List.copyOf(items);
    }
}
