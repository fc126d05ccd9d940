package org.seqvault.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A presigned download URL and what the bytes behind it must be.
 *
 * @param url       fetch without a token; answers {@code Range}
 * @param expiresAt when the URL stops working
 * @param size      bytes
 * @param md5       hex MD5
 * @param sha256    hex SHA-256, checked after every download
 */
public record DownloadLink(String url, @JsonProperty("expires_at") Instant expiresAt, long size, String md5,
                           String sha256) {
}
