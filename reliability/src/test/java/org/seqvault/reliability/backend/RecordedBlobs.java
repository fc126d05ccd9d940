package org.seqvault.reliability.backend;

import java.util.Map;
import org.seqvault.store.sql.SqlMetadataStore;

/**
 * Which blob holds a file's bytes, as the server's database records it. Download URLs name the
 * file, not its blob (so they stop working when the file is deleted), so tests that damage a
 * file's stored bytes ask the database, behind the server's back like {@link StoredBlobs}.
 */
public final class RecordedBlobs {
    private RecordedBlobs() {
    }

    /** The blob of file {@code fileId} of the server started with {@code settings} (from {@link Backend#freshStore}). */
    public static String blobOf(Map<String, String> settings, String fileId) {
        try (SqlMetadataStore db = SqlMetadataStore.open(settings.get("SEQVAULT_DB_URL"),
                settings.get("SEQVAULT_DB_USER"), settings.get("SEQVAULT_DB_PASSWORD"))) {
            return db.read(tx -> tx.nodes().fileBlobId(fileId))
                    .orElseThrow(() -> new AssertionError("no file " + fileId + " in the database"));
        }
    }
}
