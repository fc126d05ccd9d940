package org.seqvault.service.extract;

import java.util.List;

/**
 * Where a file's header extraction stands: {@code status} is {@code pending} (queued or being
 * read), {@code retrying: <why>} after a store error, {@code done}, or the reason nothing could be
 * read ({@code unreadable: …}, {@code header_too_large}, {@code failed: …}); {@code keys} are the
 * metadata keys whose values came from the header.
 */
public record ExtractionStatus(String status, List<String> keys) {
    public static final String PENDING = "pending";
    public static final String DONE = "done";
    public static final String HEADER_TOO_LARGE = "header_too_large";

    public ExtractionStatus {
        keys = List.copyOf(keys);
    }
}
