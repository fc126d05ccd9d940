package org.seqvault.store.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.seqvault.domain.ByteSize;
import org.seqvault.domain.Checksums;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.BlobStoreFailure;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Streams bytes of unknown length into an S3 multipart upload. S3 wants each part's length up
 * front, so the stream is cut into chunks held in one of two buffers: while one chunk is being
 * uploaded the next is read from the client and hashed. A stream that ends within its first
 * {@link #PROBE} bytes (most small files) goes up as one part from a buffer of that size; a longer
 * one leases its two chunks from the {@link ChunkMemory} all streams share, so memory stays
 * bounded however many uploads run at once.
 */
final class ChunkedPartWriter {
    /** S3's smallest part (but the last); a chunk is never smaller. */
    static final int MIN_CHUNK = 5 << 20;
    static final int DEFAULT_CHUNK = 8 << 20;
    private static final int MAX_CHUNK = 64 << 20;
    /** Read before deciding whether a stream needs chunk buffers at all. */
    static final int PROBE = 64 << 10;

    private final S3Client s3;
    private final String bucket;
    private final int preferredChunk;
    private final ChunkMemory memory;

    ChunkedPartWriter(S3Client s3, String bucket, int preferredChunk, ChunkMemory memory) {
        if (preferredChunk < MIN_CHUNK || preferredChunk > MAX_CHUNK) {
            throw new IllegalArgumentException("chunk size must be between 5 MiB and 64 MiB: " + preferredChunk);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.preferredChunk = preferredChunk;
        this.memory = memory;
    }

    /** What was written: the byte count, its checksums, and how many S3 parts (1 or more) hold it. */
    record Written(long size, Checksums checksums, int s3Parts) {
    }

    /**
     * Writes {@code in} to S3 parts 1, 2, … of the given upload until the stream ends.
     *
     * @throws UserException PAYLOAD_TOO_LARGE as soon as the stream holds more than {@code maxBytes};
     *                       the caller aborts the upload, which drops what was sent
     */
    Written write(String key, String s3UploadId, InputStream in, long maxBytes, int partNumber) throws IOException {
        // One byte beyond a small limit: enough to know it was exceeded.
        byte[] probe = new byte[maxBytes < PROBE ? (int) maxBytes + 1 : PROBE];
        int probed = in.readNBytes(probe, 0, probe.length);
        if (probed > maxBytes) {
            throw tooLarge(partNumber, maxBytes);
        }
        if (probed < probe.length) {
            return writeWhole(key, s3UploadId, probe, probed);
        }
        int chunk = chunkSizeFor(maxBytes);
        try (ChunkMemory.Lease lease = memory.lease(2L * chunk)) {
            byte[][] buffers = {new byte[chunk], new byte[chunk]};
            System.arraycopy(probe, 0, buffers[0], 0, probed);
            return writeChunks(key, s3UploadId, in, maxBytes, partNumber, buffers, probed);
        }
    }

    /** A stream that fit in the probe: one S3 part, hashed inline, no chunk memory. */
    private Written writeWhole(String key, String s3UploadId, byte[] bytes, int length) throws IOException {
        runUpload(upload(key, s3UploadId, 1, bytes, length));
        return new Written(length, ParallelDigests.of(bytes, length), 1);
    }

    /** Streams in chunks of {@code buffers[i].length}; the first buffer already holds {@code prefilled} bytes. */
    private Written writeChunks(String key, String s3UploadId, InputStream in, long maxBytes, int partNumber,
            byte[][] buffers, int prefilled) throws IOException {
        int chunk = buffers[0].length;
        Future<?>[] uploading = new Future<?>[2];
        // One part at a time, on a virtual thread: it only waits for S3, so no platform thread per stream.
        ExecutorService uploader = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("seqvault-s3-part").factory());
        try (ParallelDigests digests = new ParallelDigests()) {
            long total = 0;
            int s3Part = 0;
            int slot = 0;
            while (true) {
                await(uploading[slot]);
                // Ask for at most one byte beyond the limit: enough to know it was exceeded.
                long allowed = maxBytes - total;
                int want = allowed >= chunk ? chunk : (int) allowed + 1;
                int n = prefilled + in.readNBytes(buffers[slot], prefilled, want - prefilled);
                prefilled = 0;
                total += n;
                if (total > maxBytes) {
                    throw tooLarge(partNumber, maxBytes);
                }
                if (n == 0 && s3Part > 0) {
                    break;
                }
                if (++s3Part > PartLocator.MAX_S3_PARTS) {
                    throw new UserException(Problem.PAYLOAD_TOO_LARGE, "part " + partNumber + " needs more than "
                            + PartLocator.MAX_S3_PARTS + " S3 parts of " + ByteSize.format(chunk));
                }
                digests.start(buffers[slot], n);
                uploading[slot] = uploader.submit(upload(key, s3UploadId, s3Part, buffers[slot], n));
                slot ^= 1;
                if (n < want) {
                    break;
                }
            }
            await(uploading[0]);
            await(uploading[1]);
            return new Written(total, digests.checksums(), s3Part);
        } finally {
            stop(uploader);
        }
    }

    private static UserException tooLarge(int partNumber, long maxBytes) {
        return new UserException(Problem.PAYLOAD_TOO_LARGE, "part " + partNumber + " is larger than "
                + ByteSize.format(maxBytes) + "; send at most that much");
    }

    private static void runUpload(Runnable upload) throws IOException {
        try {
            upload.run();
        } catch (SdkException e) {
            throw new BlobStoreFailure("S3 refused a part: " + e.getMessage(), e);
        }
    }

    /** Stops the uploader and lets a part still in flight finish, so the caller's abort comes after it. */
    private static void stop(ExecutorService uploader) throws InterruptedIOException {
        uploader.shutdownNow();
        try {
            uploader.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while stopping a part upload");
        }
    }

    /** Chunks large enough that the largest allowed stream fits in S3's 10,000 parts, within bounds. */
    int chunkSizeFor(long maxBytes) {
        long needed = (maxBytes + PartLocator.MAX_S3_PARTS - 1) / PartLocator.MAX_S3_PARTS;
        long mib = 1L << 20;
        long rounded = (needed + mib - 1) / mib * mib;
        return (int) Math.min(MAX_CHUNK, Math.max(preferredChunk, rounded));
    }

    private Runnable upload(String key, String s3UploadId, int s3Part, byte[] bytes, int length) {
        UploadPartRequest request = UploadPartRequest.builder()
                .bucket(bucket).key(key).uploadId(s3UploadId).partNumber(s3Part).contentLength((long) length)
                .build();
        // A provider, not a copy: the SDK may read the chunk twice (payload signing, a retry).
        return () -> s3.uploadPart(request, RequestBody.fromContentProvider(
                () -> new ByteArrayInputStream(bytes, 0, length), length, "application/octet-stream"));
    }

    private static void await(Future<?> upload) throws IOException {
        if (upload == null) {
            return;
        }
        try {
            upload.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while uploading a part to S3");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SdkException sdk) {
                throw new BlobStoreFailure("S3 refused a part: " + sdk.getMessage(), sdk);
            }
            throw new IllegalStateException("uploading a part to S3 failed", e.getCause());
        }
    }
}
