package org.seqvault.client.internal;

import java.util.function.Supplier;

/**
 * What a download fetches.
 *
 * @param name     the remote name (the default local name)
 * @param size     bytes
 * @param sha256   the server's hex SHA-256, checked at the end (null: not checked)
 * @param identity names these exact bytes, so a resume never mixes two versions of a file
 * @param freshUrl asks the server for a new presigned URL (the first one, and after one expired)
 */
public record DownloadSource(String name, long size, String sha256, String identity, Supplier<String> freshUrl) {
}
