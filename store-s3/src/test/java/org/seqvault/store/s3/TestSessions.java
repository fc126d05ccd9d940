package org.seqvault.store.s3;

import java.io.IOException;
import java.time.Instant;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UploadState;

/** Upload sessions as UploadService opens them: the store's multipart upload begun first. */
final class TestSessions {
    private TestSessions() {
    }

    static UploadSession begin(S3BlobStore store, String uploadId, long size, long partSize, Instant now)
            throws IOException {
        String storeUploadId = store.beginUpload(uploadId);
        return new UploadSession(uploadId, "usr_1", "ws_1", "fld_1", null, "reads.bam", size, partSize,
                UploadSession.partCount(size, partSize), false, UploadState.OPEN, "application/octet-stream", null,
                null, null, null, storeUploadId, now, now.plusSeconds(86_400));
    }
}
