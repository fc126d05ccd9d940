package org.seqvault.service.file;

import org.seqvault.domain.UserException;

/** The outcome of one item of a bulk call: the file, or why that item failed. Exactly one is set. */
public record BulkResult(Located file, UserException error) {

    public static BulkResult ok(Located file) {
        return new BulkResult(file, null);
    }

    public static BulkResult failed(UserException error) {
        return new BulkResult(null, error);
    }
}
