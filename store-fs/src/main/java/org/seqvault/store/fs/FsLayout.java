package org.seqvault.store.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where things live under the store's root:
 * <pre>
 * staging/&lt;uploadId&gt;/&lt;partNumber&gt;.&lt;random&gt;     one staged part (a re-sent part gets a new file)
 * blobs/&lt;id[0:2]&gt;/&lt;id[2:4]&gt;/&lt;blobId&gt;/00001   the blob's segments, one per upload part, in part order
 * </pre>
 * Every id and file name that reaches a path is checked here first, so nothing a caller
 * passes can point outside the root.
 */
final class FsLayout {
    /** The most segments a blob can have: segment names have five digits. */
    static final int MAX_SEGMENTS = 99_999;

    private static final Pattern ID = Pattern.compile("[a-z0-9_-]{1,128}");
    private static final Pattern STAGED_FILE = Pattern.compile("[1-9][0-9]{0,9}\\.[0-9a-f]{16}");
    private static final Pattern SEGMENT = Pattern.compile("[0-9]{5}");

    private final Path staging;
    private final Path blobs;

    FsLayout(Path root) {
        Path absolute = root.toAbsolutePath().normalize();
        this.staging = absolute.resolve("staging");
        this.blobs = absolute.resolve("blobs");
    }

    Path stagingRoot() {
        return staging;
    }

    Path blobsRoot() {
        return blobs;
    }

    Path stagingDir(String uploadId) {
        return staging.resolve(requireId(uploadId, "upload id"));
    }

    Path stagedFile(String uploadId, String locator) {
        if (locator == null || !STAGED_FILE.matcher(locator).matches()) {
            throw new IllegalArgumentException("not a staged part locator: " + locator);
        }
        return stagingDir(uploadId).resolve(locator);
    }

    /** A fresh file name for a part; random so that a re-sent part never overwrites the one it replaces. */
    static String newStagedFileName(int partNumber) {
        if (partNumber < 1) {
            throw new IllegalArgumentException("partNumber must be at least 1: " + partNumber);
        }
        return partNumber + "." + String.format("%016x", ThreadLocalRandom.current().nextLong());
    }

    /**
     * blobs/xx/yy/&lt;id&gt; where xxyy are the id's last four characters: object ids start with
     * the time, so their tail is the part that spreads blobs evenly over directories.
     */
    Path blobDir(String blobId) {
        requireId(blobId, "blob id");
        if (blobId.length() < 4) {
            throw new IllegalArgumentException("blob id must have at least 4 characters: " + blobId);
        }
        int n = blobId.length();
        return blobs.resolve(blobId.substring(n - 2)).resolve(blobId.substring(n - 4, n - 2)).resolve(blobId);
    }

    /** Name of the {@code index}-th segment (1-based). */
    static String segmentName(int index) {
        if (index < 1 || index > MAX_SEGMENTS) {
            throw new IllegalArgumentException("segment index must be 1.." + MAX_SEGMENTS + ": " + index);
        }
        return String.format("%05d", index);
    }

    /** The blob's segment files in order; empty when the blob directory is missing. */
    static List<Path> segments(Path blobDir) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> entries = Files.list(blobDir)) {
            entries.filter(p -> SEGMENT.matcher(p.getFileName().toString()).matches()).forEach(found::add);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        // Fixed-width names sort in segment order.
        found.sort(null);
        return found;
    }

    static boolean isId(String name) {
        return ID.matcher(name).matches();
    }

    /** True for a directory name that can hold blobs: two id characters. */
    static boolean isShard(String name) {
        return name.length() == 2 && isId(name);
    }

    static String requireId(String id, String what) {
        if (id == null || !isId(id)) {
            throw new IllegalArgumentException(what + " must be 1 to 128 characters of [a-z0-9_-]: " + id);
        }
        return id;
    }
}
