package org.seqvault.store.s3;

import java.io.IOException;
import java.net.URI;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Checksums;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.BlobStoreFailure;
import org.seqvault.service.port.Clock;
import org.seqvault.service.presign.BlobPaths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.presigner.PresignedRequest;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.NoSuchUploadException;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Blobs on S3 or an S3-compatible store (layout in {@link S3Layout}). Every upload is one S3
 * multipart upload created at the blob's final key, so completing it is the whole assembly:
 * no object is copied. Clients PUT parts and GET blobs through URLs presigned by the SDK that
 * point at the store itself, so those bytes never pass through the server (a download URL is
 * the server's, which checks the file still exists and redirects to a short-lived one of these). MD5 and SHA-256 are
 * computed while the server streams a part in, and by one streaming read of the completed
 * object for parts clients sent straight to S3 (the server never saw those bytes).
 */
public final class S3BlobStore implements BlobStore, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3BlobStore.class);
    /** S3's smallest part, except the last. */
    static final long MIN_PART_SIZE = 5L << 20;
    /** S3's largest single PUT (and part); a presigned URL for more would be refused by S3 itself. */
    public static final long MAX_PART_SIZE = 5L << 30;
    /** How recent a write must be for {@link #stagedRecently} (fixed by the port's contract). */
    private static final Duration RECENT = Duration.ofHours(1);
    /** SigV4 presigned URLs live from 1 second to 7 days. */
    private static final Duration SHORTEST_URL = Duration.ofSeconds(1);
    private static final Duration LONGEST_URL = Duration.ofDays(7);
    /** Blobs are content-agnostic (several files of different types may share one). */
    private static final String BLOB_CONTENT_TYPE = "application/octet-stream";

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;
    private final S3Layout layout;
    private final Clock clock;
    private final ChunkedPartWriter partWriter;

    public S3BlobStore(S3Location location, S3Client s3, S3Presigner presigner, Clock clock) {
        this(location, s3, presigner, clock, ChunkedPartWriter.DEFAULT_CHUNK);
    }

    S3BlobStore(S3Location location, S3Client s3, S3Presigner presigner, Clock clock, int chunkSize) {
        this.bucket = Objects.requireNonNull(location, "location").bucket();
        this.layout = new S3Layout(location.prefix());
        this.s3 = Objects.requireNonNull(s3, "s3");
        this.presigner = Objects.requireNonNull(presigner, "presigner");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.partWriter = new ChunkedPartWriter(s3, bucket, chunkSize, ChunkMemory.forThisHeap());
    }

    /** A store for the server's settings, with credentials from the AWS SDK's default chain. */
    public static S3BlobStore open(S3Settings settings) {
        return open(settings, DefaultCredentialsProvider.builder().build(), Clock.system());
    }

    public static S3BlobStore open(S3Settings settings, AwsCredentialsProvider credentials, Clock clock) {
        return new S3BlobStore(settings.location(), S3Clients.client(settings, credentials),
                S3Clients.presigner(settings, credentials), clock);
    }

    // ---- uploads ------------------------------------------------------------------------

    @Override
    public String beginUpload(String uploadId) throws IOException {
        return createMultipartUpload(layout.blobKey(uploadId));
    }

    @Override
    public Optional<String> blobIdFor(String uploadId) {
        return Optional.of(S3Layout.requireId(uploadId, "upload id"));
    }

    @Override
    public long minPartSize() {
        return MIN_PART_SIZE;
    }

    @Override
    public long maxPartSize() {
        return MAX_PART_SIZE;
    }

    /**
     * Streams a part into an S3 multipart upload of its own at the blob's key, in chunks (see
     * {@link ChunkedPartWriter}). Its own, because the part's length is unknown until it ends
     * and so is how many S3 part numbers it needs; the form upload, the one caller on S3, has
     * exactly one part, which is then completed in place. Its SHA-256 is always computed.
     */
    @Override
    public UploadPart writePart(String uploadId, int partNumber, InputStream in, long maxBytes, boolean onlyPart)
            throws IOException {
        Objects.requireNonNull(in, "in");
        if (partNumber < 1) {
            throw new IllegalArgumentException("partNumber must be at least 1: " + partNumber);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        String key = layout.blobKey(uploadId);
        String s3UploadId = createMultipartUpload(key);
        try {
            ChunkedPartWriter.Written written = partWriter.write(key, s3UploadId, in, maxBytes, partNumber);
            String locator = new PartLocator(s3UploadId, 1, written.s3Parts()).render();
            return new UploadPart(uploadId, partNumber, written.size(), written.checksums().md5(),
                    written.checksums().sha256(), locator, clock.now());
        } catch (IOException | RuntimeException | Error e) {
            abortQuietly(key, s3UploadId, e);
            throw e;
        }
    }

    /** Only given locators {@link #writePart} returned: each names an S3 upload of that part alone. */
    @Override
    public void discardPart(String uploadId, String locator) {
        abortQuietly(layout.blobKey(uploadId), PartLocator.parse(locator).s3UploadId(), null);
    }

    @Override
    public List<UploadPart> directParts(UploadSession session) throws IOException {
        String s3UploadId = session.storeUploadId();
        if (s3UploadId == null) {
            return List.of();
        }
        return listParts(layout.blobKey(session.id()), s3UploadId)
                .map(parts -> parts.stream().map(p -> directPart(session.id(), s3UploadId, p)).toList())
                .orElse(List.of());
    }

    private static UploadPart directPart(String uploadId, String s3UploadId, Part p) {
        Instant received = p.lastModified() == null ? Instant.EPOCH : p.lastModified().truncatedTo(ChronoUnit.MICROS);
        return new UploadPart(uploadId, p.partNumber(), p.size(), CompletionPlan.bareETag(p.eTag()), null,
                PartLocator.single(s3UploadId, p.partNumber()).render(), received);
    }

    /** Aborts every S3 multipart upload at the upload's key: its own, and any a failed begin left. */
    @Override
    public void discardUpload(String uploadId) throws IOException {
        String key = layout.blobKey(uploadId);
        for (MultipartUpload upload : uploadsAt(key)) {
            abort(key, upload.uploadId());
        }
    }

    @Override
    public Stream<String> stagedUploadIds() {
        return s3.listMultipartUploadsPaginator(r -> r.bucket(bucket).prefix(layout.blobsPrefix()))
                .uploads().stream()
                .map(u -> layout.idOf(u.key()))
                .flatMap(Optional::stream)
                .distinct();
    }

    /** An upload begun, or a part received, within the last hour. */
    @Override
    public boolean stagedRecently(String uploadId) throws IOException {
        String key = layout.blobKey(uploadId);
        Instant since = clock.now().minus(RECENT);
        for (MultipartUpload upload : uploadsAt(key)) {
            if (upload.initiated() != null && upload.initiated().isAfter(since)) {
                return true;
            }
            Optional<List<Part>> parts = listParts(key, upload.uploadId());
            if (parts.isPresent() && parts.get().stream()
                    .anyMatch(p -> p.lastModified() != null && p.lastModified().isAfter(since))) {
                return true;
            }
        }
        return false;
    }

    // ---- presigned URLs -----------------------------------------------------------------

    /** A presigned UploadPart; only the host is signed, so a client may send any Content-Type. */
    @Override
    public Presigned presignPartUpload(UploadSession session, int partNumber, Instant expires) {
        if (session.storeUploadId() == null) {
            throw new IllegalStateException("upload " + session.id() + " has no S3 multipart upload (it was opened"
                    + " before the blob store was S3); start a new upload");
        }
        String key = layout.blobKey(session.id());
        PresignedRequest request = presigner.presignUploadPart(p -> p
                .signatureDuration(lifetime(expires))
                .uploadPartRequest(u -> u.bucket(bucket).key(key).uploadId(session.storeUploadId())
                        .partNumber(partNumber)));
        return presigned(request, "PUT");
    }

    /** A presigned GetObject that makes S3 serve the blob as an attachment named after the file. */
    @Override
    public Optional<Presigned> presignDownload(String blobId, String fileName, Instant expires) {
        String key = layout.blobKey(blobId);
        PresignedRequest request = presigner.presignGetObject(p -> p
                .signatureDuration(lifetime(expires))
                .getObjectRequest(g -> g.bucket(bucket).key(key)
                        .responseContentType(BLOB_CONTENT_TYPE)
                        .responseContentDisposition("attachment; filename*=UTF-8''" + BlobPaths.segment(fileName))));
        return Optional.of(presigned(request, "GET"));
    }

    /** Where the presigner points browsers: the endpoint, or the bucket's virtual host (no request is made). */
    @Override
    public Optional<String> browserOrigin() {
        PresignedRequest probe = presigner.presignGetObject(p -> p.signatureDuration(SHORTEST_URL)
                .getObjectRequest(g -> g.bucket(bucket).key(layout.blobsPrefix() + "origin-probe")));
        return Optional.of(S3BucketCors.originOf(URI.create(probe.url().toString())));
    }

    /** Lets pages of {@code origin} call the bucket from a browser: see {@link S3BucketCors}. */
    public S3BucketCors.Outcome allowBrowsersFrom(String origin) {
        return new S3BucketCors(s3, bucket).allow(origin);
    }

    private Duration lifetime(Instant expires) {
        Duration d = Duration.between(clock.now(), expires);
        return d.compareTo(SHORTEST_URL) < 0 ? SHORTEST_URL : d.compareTo(LONGEST_URL) > 0 ? LONGEST_URL : d;
    }

    private static Presigned presigned(PresignedRequest request, String method) {
        Map<String, String> headers = new LinkedHashMap<>();
        request.signedHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("host")) {
                headers.put(name, String.join(",", values));
            }
        });
        return new Presigned(request.url().toString(), method, Map.copyOf(headers), request.expiration());
    }

    // ---- blobs --------------------------------------------------------------------------

    /**
     * Completes the upload's S3 multipart upload in place, after checking its parts against
     * ListParts. Idempotent: the key is only ever written by completing this upload, so an
     * object already there (HeadObject) means an earlier call got that far.
     */
    @Override
    public Blob assemble(String uploadId, String blobId, List<UploadPart> parts, Instant now) throws IOException {
        if (!uploadId.equals(blobId)) {
            throw new IllegalArgumentException("an S3 upload is completed where it was created: its blob id is its"
                    + " upload id " + uploadId + ", not " + blobId);
        }
        String key = layout.blobKey(blobId);
        List<PartLocator> locators = CompletionPlan.locators(uploadId, parts);
        long size = parts.stream().mapToLong(UploadPart::size).sum();
        if (head(key).isEmpty()) {
            String s3UploadId = locators.get(0).s3UploadId();
            Optional<List<Part>> stored = listParts(key, s3UploadId);
            boolean completedNow = stored.isPresent()
                    && complete(key, s3UploadId, CompletionPlan.build(uploadId, parts, locators, stored.get()));
            if (!completedNow) {
                // S3 no longer has the multipart upload: a concurrent call completed it, or it was aborted.
                requireCompleted(uploadId, key, size);
            }
        } else {
            requireCompleted(uploadId, key, size);
        }
        return new Blob(blobId, size, checksums(key, parts, size), parts.size(), now);
    }

    /** Known when the server streamed the only part; otherwise read back once (clients' bytes). */
    private Checksums checksums(String key, List<UploadPart> parts, long size) throws IOException {
        UploadPart first = parts.get(0);
        if (parts.size() == 1 && first.sha256() != null) {
            return new Checksums(first.etag(), first.sha256());
        }
        ObjectHasher.Hashed hashed = hashObject(key);
        if (hashed.size() != size) {
            throw new IllegalStateException(key + " holds " + hashed.size() + " bytes but its parts add up to " + size);
        }
        return hashed.checksums();
    }

    private void requireCompleted(String uploadId, String key, long size) throws IOException {
        HeadObjectResponse head = head(key).orElseThrow(() -> new UserException(Problem.UPLOAD_INCOMPLETE,
                "the object store no longer holds the parts of upload " + uploadId
                        + " (aborted or expired); start a new upload"));
        if (head.contentLength() != size) {
            throw new IllegalStateException(key + " already exists with " + head.contentLength()
                    + " bytes, but upload " + uploadId + " has " + size);
        }
    }

    @Override
    public void delete(String blobId) throws IOException {
        String key = layout.blobKey(blobId);
        // S3 answers 204 for a missing key too.
        call("delete " + key, () -> s3.deleteObject(r -> r.bucket(bucket).key(key)));
    }

    @Override
    public BlobReader open(String blobId) throws IOException {
        String key = layout.blobKey(blobId);
        long size = head(key).map(HeadObjectResponse::contentLength).orElseThrow(() -> missing(blobId));
        return new S3BlobReader(s3, bucket, key, size);
    }

    @Override
    public Checksums checksums(String blobId) throws IOException {
        String key = layout.blobKey(blobId);
        if (head(key).isEmpty()) {
            throw missing(blobId);
        }
        return hashObject(key).checksums();
    }

    @Override
    public Stream<String> blobIds() {
        return s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(layout.blobsPrefix()))
                .contents().stream()
                .map(o -> layout.idOf(o.key()))
                .flatMap(Optional::stream);
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }

    // ---- S3 calls -----------------------------------------------------------------------

    private String createMultipartUpload(String key) throws IOException {
        return call("begin a multipart upload at " + key, () -> s3.createMultipartUpload(r -> r
                .bucket(bucket).key(key).contentType(BLOB_CONTENT_TYPE)).uploadId());
    }

    /** All of an upload's parts, or empty when S3 no longer has that multipart upload. */
    private Optional<List<Part>> listParts(String key, String s3UploadId) throws IOException {
        try {
            return Optional.of(call("list the parts at " + key, () -> s3.listPartsPaginator(r -> r
                    .bucket(bucket).key(key).uploadId(s3UploadId)).parts().stream().toList()));
        } catch (IOException e) {
            if (e.getCause() instanceof NoSuchUploadException || isStatus(e.getCause(), 404)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** True when this call completed the upload; false when S3 no longer had it (a retry, or a race). */
    private boolean complete(String key, String s3UploadId, List<CompletedPart> parts) throws IOException {
        try {
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(s3UploadId)
                    .multipartUpload(m -> m.parts(parts)));
            return true;
        } catch (NoSuchUploadException e) {
            return false;
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            if ("EntityTooSmall".equals(code) || "InvalidPart".equals(code)) {
                throw new UserException(Problem.UPLOAD_INCOMPLETE, "the object store refused to join the parts ("
                        + code + "): every part but the last must be at least 5 MiB; send the parts again");
            }
            throw new BlobStoreFailure("completing the multipart upload at " + key + " failed: " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new BlobStoreFailure("completing the multipart upload at " + key + " failed: " + e.getMessage(), e);
        }
    }

    private List<MultipartUpload> uploadsAt(String key) throws IOException {
        return call("list the multipart uploads at " + key, () -> s3.listMultipartUploadsPaginator(r -> r
                        .bucket(bucket).prefix(key)).uploads().stream()
                .filter(u -> key.equals(u.key()))
                .toList());
    }

    private void abort(String key, String s3UploadId) throws IOException {
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(s3UploadId));
        } catch (NoSuchUploadException e) {
            // Already aborted or completed: either way nothing is left to drop.
        } catch (SdkException e) {
            throw new BlobStoreFailure("aborting the multipart upload at " + key + " failed: " + e.getMessage(), e);
        }
    }

    private void abortQuietly(String key, String s3UploadId, Throwable cause) {
        try {
            abort(key, s3UploadId);
        } catch (IOException e) {
            if (cause != null) {
                cause.addSuppressed(e);
            }
            // The collector finds the multipart upload later (ListMultipartUploads) and aborts it.
            LOG.warn("could not abort S3 multipart upload {} at {}: {}", s3UploadId, key, e.toString());
        }
    }

    private Optional<HeadObjectResponse> head(String key) throws IOException {
        try {
            return Optional.of(s3.headObject(r -> r.bucket(bucket).key(key)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            if (isStatus(e, 404)) {
                return Optional.empty();
            }
            throw new BlobStoreFailure("looking up " + key + " failed: " + e.getMessage(), e);
        }
    }

    private ObjectHasher.Hashed hashObject(String key) throws IOException {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(key))) {
            return ObjectHasher.hash(in);
        } catch (SdkException | IOException e) {
            // Every byte here comes from S3, so a broken connection is S3's, never the client's.
            throw new BlobStoreFailure("reading " + key + " back to hash it failed: " + e.getMessage(), e);
        }
    }

    private static <T> T call(String what, java.util.function.Supplier<T> operation) throws IOException {
        try {
            return operation.get();
        } catch (SdkException e) {
            throw new BlobStoreFailure("S3: could not " + what + ": " + e.getMessage(), e);
        }
    }

    private static boolean isStatus(Throwable e, int status) {
        return e instanceof S3Exception s && s.statusCode() == status;
    }

    private static UserException missing(String blobId) {
        return new UserException(Problem.FILE_NOT_FOUND, "the content of this file (blob " + blobId
                + ") is missing from the store");
    }
}
