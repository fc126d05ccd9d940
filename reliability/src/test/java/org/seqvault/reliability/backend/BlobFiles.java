package org.seqvault.reliability.backend;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The local store's blobs on disk: {@code <root>/blobs/<last two id chars>/<two before>/<id>/},
 * one numbered segment file per part.
 */
final class BlobFiles implements StoredBlobs {
    private final Path root;

    BlobFiles(Path root) {
        this.root = root;
    }

    /** Damages the last segment, so a scrub that stopped after the first one would miss it. */
    @Override
    public void flipOneByte(String blobId, long offset) throws Exception {
        Path segment = segments(blobId).getLast();
        try (RandomAccessFile f = new RandomAccessFile(segment.toFile(), "rw")) {
            long at = offset % f.length();
            f.seek(at);
            int b = f.read();
            f.seek(at);
            f.write(b ^ 0x01);
        }
    }

    @Override
    public void delete(String blobId) throws Exception {
        try (Stream<Path> paths = Files.walk(directory(blobId))) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private List<Path> segments(String blobId) throws Exception {
        try (Stream<Path> s = Files.list(directory(blobId))) {
            return s.sorted().toList();
        }
    }

    private Path directory(String id) {
        int n = id.length();
        return root.resolve("blobs").resolve(id.substring(n - 2)).resolve(id.substring(n - 4, n - 2)).resolve(id);
    }
}
