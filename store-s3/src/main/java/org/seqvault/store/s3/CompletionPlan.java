package org.seqvault.store.s3;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UserException;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.Part;

/**
 * The S3 part list for CompleteMultipartUpload, built from the upload's parts and checked
 * against what S3 holds (ListParts) just before completing: a part a client sent straight to S3
 * must still have the ETag and size it was accepted with (it may have been re-sent since), and
 * a part the server streamed must still be all there.
 */
final class CompletionPlan {
    private CompletionPlan() {
    }

    /** The locators of an upload's parts, checked to be one S3 upload's ranges in ascending order. */
    static List<PartLocator> locators(String uploadId, List<UploadPart> parts) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("an upload has at least one part, even when empty");
        }
        List<PartLocator> locators = new ArrayList<>(parts.size());
        int previousPart = 0;
        int previousS3Part = 0;
        for (UploadPart part : parts) {
            if (!uploadId.equals(part.uploadId())) {
                throw new IllegalArgumentException("part " + part.partNumber() + " belongs to upload "
                        + part.uploadId() + ", not " + uploadId);
            }
            if (part.partNumber() <= previousPart) {
                throw new IllegalArgumentException("parts must be ordered by part number without repeats");
            }
            PartLocator locator = PartLocator.parse(part.locator());
            if (!locators.isEmpty() && !locator.s3UploadId().equals(locators.get(0).s3UploadId())) {
                // Only a one-part upload is streamed through the server (the form upload); parts
                // sent to presigned URLs all land in the upload's own S3 multipart upload.
                throw new IllegalStateException("the parts of upload " + uploadId + " are spread over several S3"
                        + " multipart uploads; S3 can only complete one. Send multi-part uploads to presigned URLs.");
            }
            if (locator.firstS3Part() <= previousS3Part) {
                throw new IllegalStateException("the S3 parts of upload " + uploadId + " overlap or are out of order");
            }
            previousPart = part.partNumber();
            previousS3Part = locator.lastS3Part();
            locators.add(locator);
        }
        return locators;
    }

    /**
     * Pairs each part with the S3 parts that hold it.
     *
     * @throws UserException UPLOAD_INCOMPLETE when S3 no longer holds a part as it was received
     */
    static List<CompletedPart> build(String uploadId, List<UploadPart> parts, List<PartLocator> locators,
                                     List<Part> stored) {
        Map<Integer, Part> byNumber = new HashMap<>();
        stored.forEach(p -> byNumber.put(p.partNumber(), p));
        List<CompletedPart> completed = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            UploadPart part = parts.get(i);
            PartLocator locator = locators.get(i);
            long storedSize = 0;
            for (int n = locator.firstS3Part(); n <= locator.lastS3Part(); n++) {
                Part s3Part = byNumber.get(n);
                if (s3Part == null) {
                    throw new UserException(Problem.UPLOAD_INCOMPLETE, "part " + part.partNumber() + " of upload "
                            + uploadId + " is no longer in the object store; send it again");
                }
                storedSize += s3Part.size();
                completed.add(CompletedPart.builder().partNumber(n).eTag(s3Part.eTag()).build());
            }
            boolean sentStraightToS3 = part.sha256() == null;
            if (storedSize != part.size() || sentStraightToS3
                    && !bareETag(byNumber.get(locator.firstS3Part()).eTag()).equals(part.etag())) {
                throw new UserException(Problem.UPLOAD_INCOMPLETE, "part " + part.partNumber() + " of upload "
                        + uploadId + " was sent again while the upload was being completed; complete it again");
            }
        }
        return completed;
    }

    /** An ETag as S3 sends it ("…" with quotes) in the lowercase bare form parts are recorded with. */
    static String bareETag(String etag) {
        String e = etag == null ? "" : etag.strip();
        if (e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")) {
            e = e.substring(1, e.length() - 1);
        }
        return e.toLowerCase(Locale.ROOT);
    }
}
