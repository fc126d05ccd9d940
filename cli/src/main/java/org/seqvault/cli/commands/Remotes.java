package org.seqvault.cli.commands;

import java.util.Optional;
import org.seqvault.cli.CommandFailure;
import org.seqvault.cli.UsageException;
import org.seqvault.client.RemoteFile;
import org.seqvault.client.RemotePath;
import org.seqvault.client.SeqVault;

/** Resolving the remote arguments of commands. */
final class Remotes {
    private Remotes() {
    }

    static RemotePath parse(String text) {
        try {
            return RemotePath.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    static RemoteFile existing(SeqVault sv, RemotePath path) {
        return sv.tree().find(path).orElseThrow(() -> new CommandFailure(path + ": no such file or folder"));
    }

    /**
     * Where {@code mv}/{@code cp} put something: into {@code dest} when it is a folder (keeping
     * the name), else into dest's folder under dest's name.
     *
     * @param folderId the target folder
     * @param name     the new name, or null to keep it
     */
    record Destination(String folderId, String name) {
    }

    static Destination destination(SeqVault sv, RemotePath dest) {
        Optional<RemoteFile> there = sv.tree().find(dest);
        if (there.isPresent()) {
            if (there.get().isFolder()) {
                return new Destination(there.get().id(), null);
            }
            throw new CommandFailure(dest + ": already exists");
        }
        if (dest.isProjectRoot()) {
            throw new CommandFailure(dest + ": no such project");
        }
        RemoteFile parent = existing(sv, dest.parent());
        if (!parent.isFolder()) {
            throw new CommandFailure(dest.parent() + ": not a folder");
        }
        return new Destination(parent.id(), dest.name());
    }
}
