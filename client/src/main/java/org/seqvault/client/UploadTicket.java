package org.seqvault.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where to PUT the bytes of a presigned upload ({@link WorkspaceFiles#uploadLarge(String, String, String, long, String)}):
 * one {@code uploadUrl}, or for files above the server's single-PUT limit a {@code partSize}
 * and one URL per part.
 *
 * @param uploadUrl the URL for the whole file, or null when {@code parts} are given
 * @param fileKey   pass to {@link WorkspaceFiles#uploadConfirm(String, String, String, long)}
 * @param uploadId  the upload session
 * @param expiresAt when the URLs stop working
 * @param method    always {@code PUT}
 * @param headers   headers to send with each PUT ({@code Content-Type})
 * @param partSize  bytes per part (all but the last), or null for a single PUT
 * @param parts     the part URLs, or null for a single PUT
 */
public record UploadTicket(String uploadUrl, String fileKey, String uploadId, Instant expiresAt, String method,
                           Map<String, String> headers, Long partSize, List<Part> parts) {

    /**
     * One part of a multi-part presigned upload.
     *
     * @param partNumber 1-based
     * @param uploadUrl  where to PUT this part's bytes
     */
    public record Part(int partNumber, String uploadUrl) {
    }

    /**
     * A stored part, as {@link WorkspaceFiles#uploadConfirm(String, String, String, long, List, String)} wants it.
     *
     * @param partNumber 1-based
     * @param etag       the {@code ETag} header the PUT answered
     */
    public record PartEtag(int partNumber, String etag) {
    }
}
