package org.seqvault.reliability.backend;

import java.nio.file.Path;
import java.util.Map;

/** The single-server default: SQLite and blob files, both in the data directory. */
public final class SqliteFilesBackend implements Backend {
    public static final String NAME = "sqlite-files";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Map<String, String> freshStore(Path dataDir) {
        return Map.of(
                "SEQVAULT_DATA_DIR", dataDir.toString(),
                "SEQVAULT_DB_URL", "jdbc:sqlite:" + dataDir.resolve("seqvault.db"),
                "SEQVAULT_BLOB_STORE", "file:" + dataDir.resolve("blobs"));
    }

    @Override
    public boolean bytesOnLocalDisk() {
        return true;
    }

    /** Parts of any size. */
    @Override
    public long smallestPart() {
        return 1;
    }

    @Override
    public StoredBlobs storedBlobs(Map<String, String> settings) {
        return new BlobFiles(Path.of(settings.get("SEQVAULT_BLOB_STORE").substring("file:".length())));
    }

    @Override
    public String toString() {
        return NAME;
    }
}
