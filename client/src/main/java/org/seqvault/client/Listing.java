package org.seqvault.client;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A listing that fetches its pages as you iterate: a loop over it sees every item, however
 * many pages the server splits them into. Each iteration starts again from the first page.
 *
 * @param <T> the item type
 */
public final class Listing<T> implements Iterable<T> {
    private final Supplier<Page<T>> first;

    /**
     * One page and the way to the next.
     *
     * @param items the page's items
     * @param next  fetches the next page, or null on the last one
     * @param <T>   the item type
     */
    public record Page<T>(List<T> items, Supplier<Page<T>> next) {
    }

    /** @param first fetches the first page */
    public Listing(Supplier<Page<T>> first) {
        this.first = first;
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Page<T> page;
            private int index;

            @Override
            public boolean hasNext() {
                if (page == null) {
                    page = first.get();
                }
                while (index >= page.items().size()) {
                    if (page.next() == null) {
                        return false;
                    }
                    page = page.next().get();
                    index = 0;
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return page.items().get(index++);
            }
        };
    }

    /** @return the items as a lazy stream */
    public Stream<T> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }

    /** @return every item, fetching every page now */
    public List<T> toList() {
        List<T> all = new ArrayList<>();
        forEach(all::add);
        return all;
    }
}
