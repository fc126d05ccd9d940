package org.seqvault.reliability.backend;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where a server under test keeps its metadata and bytes. Every harness in this module takes a
 * backend as a parameter and starts its servers with the settings the backend gives, so the same
 * attack runs on SQLite + local files and on PostgreSQL + S3.
 */
public interface Backend {

    /** Short name used in test names and in docs/reliability.md: {@code sqlite-files}, {@code postgres-s3}. */
    String name();

    /**
     * Settings for one new server whose stores start empty (so the bootstrap admin token takes
     * effect): {@code SEQVAULT_*} variables, plus anything else the server process needs in its
     * environment (AWS credentials). {@code dataDir} is the server's own data directory.
     */
    Map<String, String> freshStore(Path dataDir) throws Exception;

    /** True when the bytes live in files under the data directory (tests that fill a disk need it). */
    boolean bytesOnLocalDisk();

    /**
     * The smallest part, but the last, that the store joins into a file (S3: 5 MiB; local files: any
     * size). Tests that upload in parts make theirs at least this large.
     */
    long smallestPart();

    /** The stored bytes of a server started with {@code settings} (from {@link #freshStore}), reached behind its back. */
    StoredBlobs storedBlobs(Map<String, String> settings);
}
