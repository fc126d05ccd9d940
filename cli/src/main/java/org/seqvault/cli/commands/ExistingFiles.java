package org.seqvault.cli.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import org.seqvault.client.RemotePath;
import org.seqvault.client.SeqVault;
import org.seqvault.client.V1File;
import org.seqvault.client.internal.Digests;

/**
 * The remote files an upload may find in its way, for {@code upload --skip-existing}: listed
 * once per local argument through the workspace files API (which shows each file's size and
 * SHA-256), a page of 1000 files per request, so a re-run of a directory upload of 10,000 files
 * costs ten listings, not 10,000 lookups.
 */
final class ExistingFiles {
    /** What the remote file at a local file's place is to it. */
    enum Match {
        /** Nothing there (or a folder, which the upload itself reports). */
        NONE,
        /** The same size and SHA-256: nothing to send. */
        SAME,
        /** Another size or SHA-256. */
        DIFFERENT
    }

    private final SeqVault sv;
    /** By project, then key. */
    private final Map<String, Map<String, V1File>> files = new HashMap<>();

    ExistingFiles(SeqVault sv) {
        this.sv = sv;
    }

    /**
     * Reads the remote files below {@code place}: everything under it when it is a folder an
     * uploaded directory goes to, else the one file (and any whose key merely starts the same).
     */
    void read(RemotePath place, boolean folder) {
        String workspace = sv.projects().get(place.project()).workspaceId();
        Map<String, V1File> byKey = files.computeIfAbsent(place.project(), p -> new HashMap<>());
        for (V1File f : sv.files().list(workspace, folder ? place.key() + "/" : place.key())) {
            byKey.put(f.key(), f);
        }
    }

    /** Compares the local file with what {@link #read} found at {@code remote}; hashes it only when the sizes agree. */
    Match match(Path local, RemotePath remote) {
        V1File there = files.getOrDefault(remote.project(), Map.of()).get(remote.key());
        if (there == null) {
            return Match.NONE;
        }
        try {
            if (Files.size(local) != there.size()) {
                return Match.DIFFERENT;
            }
            return sha256(local).equalsIgnoreCase(there.sha256()) ? Match.SAME : Match.DIFFERENT;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest = Digests.sha256();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Digests.update(digest, ch, 0, ch.size());
        }
        return Digests.hex(digest);
    }
}
