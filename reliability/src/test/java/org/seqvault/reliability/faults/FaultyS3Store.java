package org.seqvault.reliability.faults;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.blobstore.domain.MultipartUpload;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * S3Proxy's storage, failing on command, around the real one: while a call is armed, the store
 * behind S3 fails it as a broken disk or backend would, and S3Proxy turns that into S3's own
 * answer (500 InternalError). Writes strike after reading part of the payload, mid-upload.
 */
final class FaultyS3Store extends ForwardingBlobStore {
    /** Payload bytes a write takes before it fails. */
    static final int BYTES_BEFORE_WRITE_FAULT = 64 * 1024;
    /**
     * S3Proxy's CreateMultipartUpload also puts a stub object (key containing this) through
     * {@code putBlob}; failing that would fail the creation half-way, after the multipart upload
     * exists, and S3Proxy then cannot abort it: a fault of S3Proxy, not of S3, so stubs pass.
     */
    private static final String MULTIPART_STUB = ".s3proxy-mpu-stub-";
    /** What S3 itself says with its 500 InternalError. */
    private static final String INTERNAL_ERROR_MESSAGE = "We encountered an internal error. Please try again.";

    /** The store calls S3Proxy makes for the S3 operations the server's uploads and read-backs use. */
    enum Call {
        PUT_OBJECT, UPLOAD_PART, COMPLETE_MULTIPART_UPLOAD, GET_OBJECT
    }

    private final Set<Call> armed = ConcurrentHashMap.newKeySet();
    private final Map<Call, AtomicInteger> strikes = new EnumMap<>(Call.class);

    FaultyS3Store(BlobStore real) {
        super(real);
        for (Call call : Call.values()) {
            strikes.put(call, new AtomicInteger());
        }
    }

    void arm(Call... calls) {
        armed.addAll(List.of(calls));
    }

    void heal() {
        armed.clear();
    }

    void resetStrikes() {
        strikes.values().forEach(count -> count.set(0));
    }

    /** How often each call failed so far (the SDK retries, so one refused request may count several). */
    int strikes(Call call) {
        return strikes.get(call).get();
    }

    @Override
    public PutObjectResponse putBlob(PutObjectRequest request, InputStream payload) {
        if (!request.key().contains(MULTIPART_STUB)) {
            strikeMidPayload(Call.PUT_OBJECT, payload);
        }
        return super.putBlob(request, payload);
    }

    @Override
    public UploadPartResponse uploadMultipartPart(MultipartUpload upload, UploadPartRequest request,
            InputStream payload) {
        strikeMidPayload(Call.UPLOAD_PART, payload);
        return super.uploadMultipartPart(upload, request, payload);
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(MultipartUpload upload,
            CompleteMultipartUploadRequest request) {
        strike(Call.COMPLETE_MULTIPART_UPLOAD);
        return super.completeMultipartUpload(upload, request);
    }

    @Override
    public ResponseInputStream<GetObjectResponse> getBlob(GetObjectRequest request) {
        strike(Call.GET_OBJECT);
        return super.getBlob(request);
    }

    private void strikeMidPayload(Call call, InputStream payload) {
        if (armed.contains(call)) {
            try {
                payload.readNBytes(BYTES_BEFORE_WRITE_FAULT);
            } catch (IOException e) {
                // The client went away first; the store fails all the same.
            }
            strike(call);
        }
    }

    private void strike(Call call) {
        if (armed.contains(call)) {
            strikes.get(call).incrementAndGet();
            throw (S3Exception) S3Exception.builder().statusCode(500).message(INTERNAL_ERROR_MESSAGE)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("InternalError")
                            .errorMessage(INTERNAL_ERROR_MESSAGE).build())
                    .cause(new IOException(Fault.IO_ERROR.message)).build();
        }
    }
}
