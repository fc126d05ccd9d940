package org.seqvault.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * A file as the workspace files API ({@code /v1/files}) shows it.
 *
 * @param key         folder path and name in the workspace, e.g. {@code raw/sample.vcf}
 * @param name        the file name, e.g. {@code sample.vcf}
 * @param path        the folder part of the key, e.g. {@code raw/} ("" at the top)
 * @param size        bytes
 * @param workspaceId the workspace ({@code ws_…})
 * @param description free text, or null
 * @param contentType the media type
 * @param md5         hex MD5 of the bytes
 * @param sha256      hex SHA-256 of the bytes
 * @param etag        quoted MD5
 * @param fileId      the same file's id in the v2 API ({@link FileTree#get(String)})
 * @param createdAt   when the file was created
 * @param modifiedAt  when the file last changed
 */
public record V1File(String key, String name, String path, long size,
                     @JsonProperty("workspace_id") String workspaceId, String description,
                     @JsonProperty("content_type") String contentType, String md5, String sha256, String etag,
                     @JsonProperty("file_id") String fileId, @JsonProperty("created_at") Instant createdAt,
                     @JsonProperty("modified_at") Instant modifiedAt) {
}
