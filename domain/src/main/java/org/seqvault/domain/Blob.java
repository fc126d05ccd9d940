package org.seqvault.domain;

import java.time.Instant;

/** Immutable stored bytes, written once under its id; files point to blobs. */
public record Blob(String id, long size, Checksums checksums, int segments, Instant createdAt) {
}
