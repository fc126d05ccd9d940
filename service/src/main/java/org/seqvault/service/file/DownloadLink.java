package org.seqvault.service.file;

import java.time.Instant;
import org.seqvault.domain.Node;

/** A presigned URL that serves one file's bytes until {@code expires}. */
public record DownloadLink(String url, Instant expires, Node file) {
}
