package org.seqvault.store.s3;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.seqvault.domain.Blob;
import org.seqvault.domain.UploadPart;
import org.seqvault.service.port.BlobStore;

/** A store that, once, dies right after S3 completed an upload, before anyone hears of it. */
final class CrashAfterAssemble extends ForwardingBlobStore {
    private boolean crashed;

    CrashAfterAssemble(BlobStore store) {
        super(store);
    }

    @Override
    public Blob assemble(String uploadId, String blobId, List<UploadPart> parts, Instant now) throws IOException {
        Blob blob = store.assemble(uploadId, blobId, parts, now);
        if (!crashed) {
            crashed = true;
            throw new IllegalStateException("simulated crash after CompleteMultipartUpload");
        }
        return blob;
    }
}
