package org.seqvault.server.api;

import java.nio.file.Path;
import java.util.function.Function;

/**
 * The store combinations every API suite runs on (see {@link OnEveryBackend}); golden files are
 * the same for all. A backend is a metadata database plus a blob store, each made fresh for
 * one fixture.
 */
enum Backend {
    SQLITE_AND_FILES(TestMetadataStore::sqlite, TestBlobStore::files),
    POSTGRES_AND_S3(TestMetadataStore::postgres, TestBlobStore::s3);

    private final Function<Path, TestMetadataStore> metadata;
    private final Function<Path, TestBlobStore> blobs;

    Backend(Function<Path, TestMetadataStore> metadata, Function<Path, TestBlobStore> blobs) {
        this.metadata = metadata;
        this.blobs = blobs;
    }

    /** A fresh, empty metadata database; SQLite keeps it under the server's data directory. */
    TestMetadataStore metadata(Path dataDir) {
        return metadata.apply(dataDir);
    }

    /** A fresh, empty blob store; local files live under the server's data directory, S3 under a prefix of its own. */
    TestBlobStore blobs(Path dataDir) {
        return blobs.apply(dataDir);
    }
}
