package org.seqvault.service.upload;

import java.util.List;
import org.seqvault.domain.UploadSession;
import org.seqvault.service.port.BlobStore.Presigned;

/** An opened upload with the presigned URLs for its parts (part 1 first). */
public record UploadTicket(UploadSession session, List<Presigned> partUrls) {
}
