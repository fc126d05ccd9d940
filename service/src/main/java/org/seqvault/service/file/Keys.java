package org.seqvault.service.file;

import org.seqvault.domain.FileKey;
import org.seqvault.domain.FolderPath;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeName;

/**
 * A node's v1 key follows from its folder's key and its name, so every rename, move, copy and
 * new folder recomputes it here, checked against the v1 key rules (the v1 API lists by key).
 */
final class Keys {
    private Keys() {
    }

    /** The key of file {@code name} in the folder whose key is {@code folderKey} ("raw/" + "x.vcf"). */
    static String file(String folderKey, NodeName name) {
        return FileKey.of(FolderPath.parse(folderKey), name).value();
    }

    /** The key of folder {@code name} inside {@code folderKey} ("raw/" + "sub" → "raw/sub/"). */
    static String folder(String folderKey, NodeName name) {
        return FolderPath.parse(folderKey + name.value() + "/").prefix();
    }

    /** The key of the folder holding a file: the file's key without its name ("raw/x.vcf" → "raw/"). */
    static String folderOf(Node file) {
        return file.key().substring(0, file.key().length() - file.name().length());
    }
}
