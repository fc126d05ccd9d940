package org.seqvault.domain;

/** OPEN → COMPLETING → DONE | ABORTED | EXPIRED. */
public enum UploadState {
    OPEN, COMPLETING, DONE, ABORTED, EXPIRED;

    public boolean isFinal() {
        return this == DONE || this == ABORTED || this == EXPIRED;
    }
}
