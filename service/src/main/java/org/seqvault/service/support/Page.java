package org.seqvault.service.support;

import java.util.List;

/** One page of a listing and the number of items matching in all. */
public record Page<T>(List<T> items, long total) {
    public Page {
        items = List.copyOf(items);
    }
}
