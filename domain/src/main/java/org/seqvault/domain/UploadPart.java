package org.seqvault.domain;

import java.time.Instant;

/**
 * One received part of an upload. {@code etag} is the hex MD5 of the part's bytes;
 * {@code locator} is where the blob store keeps it until assembly.
 */
public record UploadPart(String uploadId, int partNumber, long size, String etag, String sha256, String locator,
                         Instant receivedAt) {
}
