package org.seqvault.domain;

/** Files hold bytes; folders hold files and folders. */
public enum NodeType {
    FILE, FOLDER;

    public String wireName() {
        return this == FILE ? "file" : "folder";
    }
}
