package org.seqvault.reliability.faults;

import static org.seqvault.reliability.faults.FaultyS3Store.Call.COMPLETE_MULTIPART_UPLOAD;
import static org.seqvault.reliability.faults.FaultyS3Store.Call.GET_OBJECT;
import static org.seqvault.reliability.faults.FaultyS3Store.Call.PUT_OBJECT;
import static org.seqvault.reliability.faults.FaultyS3Store.Call.UPLOAD_PART;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.seqvault.testkit.stores.S3TestServer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * What S3Proxy answers an SDK client when its store fails each call, asked once per call with
 * retries off (so each answer is one request's), on keys outside every server's prefix.
 */
final class S3ProxyAnswers {
    private static final String PREFIX = "s3proxy-answers/";
    private static final int PAYLOAD = 1 << 20;

    private S3ProxyAnswers() {
    }

    static Map<FaultyS3Store.Call, String> probe(S3TestServer s3, FaultyS3Store store) {
        Map<FaultyS3Store.Call, String> answers = new LinkedHashMap<>();
        String bucket = S3TestServer.BUCKET;
        RequestBody payload = RequestBody.fromBytes(new byte[PAYLOAD]);
        try (S3Client client = S3Client.builder().credentialsProvider(s3.credentials()).endpointOverride(s3.endpoint())
                .region(Region.of(S3TestServer.REGION)).forcePathStyle(true)
                .httpClientBuilder(Apache5HttpClient.builder())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .overrideConfiguration(o -> o.retryStrategy(b -> b.maxAttempts(1)))
                .build()) {
            client.putObject(r -> r.bucket(bucket).key(PREFIX + "object"), payload);
            String upload = client.createMultipartUpload(r -> r.bucket(bucket).key(PREFIX + "multipart")).uploadId();
            String etag = client.uploadPart(r -> r.bucket(bucket).key(PREFIX + "multipart").uploadId(upload)
                    .partNumber(1), payload).eTag();

            answers.put(PUT_OBJECT, answer(store, PUT_OBJECT, () -> client.putObject(r -> r.bucket(bucket)
                    .key(PREFIX + "object"), payload)));
            answers.put(UPLOAD_PART, answer(store, UPLOAD_PART, () -> client.uploadPart(r -> r.bucket(bucket)
                    .key(PREFIX + "multipart").uploadId(upload).partNumber(2), payload)));
            answers.put(COMPLETE_MULTIPART_UPLOAD, answer(store, COMPLETE_MULTIPART_UPLOAD,
                    () -> client.completeMultipartUpload(r -> r.bucket(bucket).key(PREFIX + "multipart")
                            .uploadId(upload).multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(etag).build())))));
            answers.put(GET_OBJECT, answer(store, GET_OBJECT, () -> client.getObjectAsBytes(r -> r.bucket(bucket)
                    .key(PREFIX + "object"))));
        } finally {
            store.heal();
            s3.clear(PREFIX);
        }
        return answers;
    }

    /** One armed request: S3's status and error code, or how the connection failed; never a success. */
    private static String answer(FaultyS3Store store, FaultyS3Store.Call call, Supplier<?> request) {
        store.arm(call);
        try {
            request.get();
            throw new AssertionError(call + " succeeded while its store failed");
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            return "HTTP " + e.statusCode() + " " + code;
        } catch (SdkException e) {
            return "no answer: " + e.getMessage();
        } finally {
            store.heal();
        }
    }
}
