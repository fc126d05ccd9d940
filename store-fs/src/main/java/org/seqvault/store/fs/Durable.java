package org.seqvault.store.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Directory operations that survive a power cut. A new file or a rename is only durable once
 * the directory holding the entry has been fsync'd, and a new directory once its parent has.
 */
final class Durable {
    private Durable() {
    }

    /** Flushes a directory's entries (the names in it) to disk. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** Creates {@code dir} and any missing parents, fsyncing the parent of each directory created. */
    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.getParent();
        if (parent != null) {
            createDirectories(parent);
        }
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
            // Another thread won the race; fsync anyway, since it may not have done so yet.
        }
        if (parent != null) {
            fsyncDirectory(parent);
        }
    }
}
