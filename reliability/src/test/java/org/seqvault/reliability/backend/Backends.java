package org.seqvault.reliability.backend;

import java.util.ArrayList;
import java.util.List;

/**
 * The backends this run attacks, from {@code -Dreliability.backends} (comma-separated; default
 * both, {@code sqlite-files,postgres-s3}). Parameterised tests take their backend from {@link #selected()}.
 */
public final class Backends {
    private Backends() {
    }

    public static List<Backend> selected() {
        List<Backend> backends = new ArrayList<>();
        for (String name : System.getProperty("reliability.backends",
                SqliteFilesBackend.NAME + "," + PostgresS3Backend.NAME).split(",")) {
            switch (name.strip()) {
                case SqliteFilesBackend.NAME -> backends.add(new SqliteFilesBackend());
                case PostgresS3Backend.NAME -> backends.add(new PostgresS3Backend());
                case "" -> {
                }
                default -> throw new IllegalArgumentException("unknown backend '" + name + "' in -Dreliability.backends; "
                        + "known: " + SqliteFilesBackend.NAME + ", " + PostgresS3Backend.NAME);
            }
        }
        return backends;
    }

    /** The selected backends that keep their bytes on a local disk. */
    public static List<Backend> withLocalBytes() {
        return selected().stream().filter(Backend::bytesOnLocalDisk).toList();
    }
}
