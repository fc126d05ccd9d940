package org.seqvault.service.upload;

import org.seqvault.domain.UploadPart;

/** Bytes of a form upload already streamed to staging, not yet published. */
public record Staged(String uploadId, UploadPart part) {
}
