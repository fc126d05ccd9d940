package org.seqvault.client.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code .<name>.seqvault-upload} next to the source: which upload session holds this file's
 * parts, and what the file was (size, modification time) when it started. A run that finds a
 * matching state continues that session. Losing the file only costs the fallback search of the
 * server's open uploads, so write failures (a read-only directory) are ignored.
 */
final class UploadStateFile {
    static final String SUFFIX = ".seqvault-upload";

    /**
     * What one upload was.
     *
     * @param server   the API base URL
     * @param parentId the target folder
     * @param name     the remote name
     * @param size     the source's size
     * @param mtime    the source's modification time (ms)
     * @param uploadId the session
     */
    record State(String server, @JsonProperty("parent_id") String parentId, String name, long size, long mtime,
                 @JsonProperty("upload_id") String uploadId) {

        boolean sameTarget(State other) {
            return server.equals(other.server) && parentId.equals(other.parentId) && name.equals(other.name)
                    && size == other.size && mtime == other.mtime;
        }
    }

    private final Path file;

    private UploadStateFile(Path file) {
        this.file = file;
    }

    static UploadStateFile beside(Path source) {
        return new UploadStateFile(source.toAbsolutePath().resolveSibling("." + source.getFileName() + SUFFIX));
    }

    Path path() {
        return file;
    }

    /** The saved state, or null when there is none or it cannot be read. */
    State read() {
        try {
            return Files.isRegularFile(file) ? Json.MAPPER.readValue(file.toFile(), State.class) : null;
        } catch (IOException e) {
            return null;
        }
    }

    void write(State state) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, Json.write(state));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // nothing was written; resume falls back to the server's list of open uploads
            }
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a stale state names a finished upload; the next run sees that and starts afresh
        }
    }
}
