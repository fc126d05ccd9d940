package org.seqvault.client.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where big test files go: memory-backed /dev/shm when it has room, since these tests are
 * about protocols and failures, not about how fast this machine's disk syncs; else the
 * JUnit temporary directory.
 */
public final class ScratchSpace {
    private ScratchSpace() {
    }

    /** A fresh directory under /dev/shm when it has {@code bytesNeeded} free, else under {@code fallback}. */
    public static Path directory(Path fallback, long bytesNeeded) throws IOException {
        Path shm = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(shm) && Files.isWritable(shm)
                    && Files.getFileStore(shm).getUsableSpace() > bytesNeeded) {
                Path dir = Files.createTempDirectory(shm, "seqvault-test-");
                dir.toFile().deleteOnExit();
                return dir;
            }
        } catch (IOException e) {
            // fall through to the temporary directory
        }
        return Files.createTempDirectory(fallback, "scratch-");
    }

    /** Deletes a directory tree, ignoring what is already gone. */
    public static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
