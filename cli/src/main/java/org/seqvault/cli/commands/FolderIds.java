package org.seqvault.cli.commands;

import java.util.HashMap;
import java.util.Map;
import org.seqvault.cli.CommandFailure;
import org.seqvault.client.ConflictException;
import org.seqvault.client.RemoteFile;
import org.seqvault.client.RemotePath;
import org.seqvault.client.SeqVault;

/**
 * Folder ids by path, creating missing folders, each looked up once: a directory tree costs a
 * request or two per folder instead of a walk from the top for every file.
 */
final class FolderIds {
    private final SeqVault sv;
    private final Map<RemotePath, String> ids = new HashMap<>();

    FolderIds(SeqVault sv) {
        this.sv = sv;
    }

    synchronized String of(RemotePath folder) {
        String known = ids.get(folder);
        if (known != null) {
            return known;
        }
        String id;
        if (folder.isProjectRoot()) {
            id = sv.projects().get(folder.project()).rootFolder();
        } else {
            String parent = of(folder.parent());
            RemoteFile child = sv.tree().child(parent, folder.name()).orElseGet(() -> create(parent, folder.name()));
            if (!child.isFolder()) {
                throw new CommandFailure(folder + ": is a file, not a folder");
            }
            id = child.id();
        }
        ids.put(folder, id);
        return id;
    }

    private RemoteFile create(String parent, String name) {
        try {
            return sv.tree().createFolder(parent, name);
        } catch (ConflictException raced) {
            return sv.tree().child(parent, name).orElseThrow(() -> raced);
        }
    }
}
