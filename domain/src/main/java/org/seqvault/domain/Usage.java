package org.seqvault.domain;

/**
 * What a project holds: its files ({@code bytes}, {@code files}; trashed files too, until they
 * are purged), and what its open uploads have reserved (their declared size, one file each)
 * until they end.
 */
public record Usage(long bytes, long files, long reservedBytes, long reservedFiles) {
    public static final Usage NONE = new Usage(0, 0, 0, 0);

    /** Stored plus reserved bytes: what a new upload must fit beside. */
    public long bytesTaken() {
        return bytes + reservedBytes;
    }

    /** Stored plus reserved files. */
    public long filesTaken() {
        return files + reservedFiles;
    }
}
