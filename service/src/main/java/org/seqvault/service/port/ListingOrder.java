package org.seqvault.service.port;

/**
 * The order of an offset-paged folder listing: folders always first, then by {@code key} (ascending
 * or descending), then by name and id, so every order is total and stable across pages. The
 * default, by name, is the Seven Bridges order; the others are SeqVault's {@code order_by}
 * extension (the web browser's sortable columns).
 */
public record ListingOrder(Key key, boolean descending) {
    public static final ListingOrder BY_NAME = new ListingOrder(Key.NAME, false);

    public enum Key { NAME, SIZE, CREATED, MODIFIED }

    public ListingOrder {
        if (key == null) {
            throw new IllegalArgumentException("a listing order needs a key");
        }
    }

    public boolean isDefault() {
        return equals(BY_NAME);
    }
}
