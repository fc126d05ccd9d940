package org.seqvault.store.s3;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.seqvault.domain.ByteSize;
import org.seqvault.domain.Checksums;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;

/**
 * Streams bytes of unknown length into an S3 multipart upload. S3 wants each part's length up
 * front, so the stream is cut into chunks held in one of two buffers: while one chunk is being
 * uploaded the next is read from the client and hashed. Memory is at most two chunks per
 * stream; a buffer grows with the bytes that arrive, so a small stream holds little (many
 * concurrent small uploads must fit a 256 MiB heap).
 */
final class ChunkedPartWriter {
    /** S3's smallest part (but the last); a chunk is never smaller. */
    static final int MIN_CHUNK = 5 << 20;
    static final int DEFAULT_CHUNK = 8 << 20;
    private static final int MAX_CHUNK = 64 << 20;
    /** A chunk buffer starts this small and doubles as bytes arrive. */
    static final int FIRST_BUFFER = 64 << 10;

    private final S3Client s3;
    private final String bucket;
    private final int preferredChunk;

    ChunkedPartWriter(S3Client s3, String bucket, int preferredChunk) {
        if (preferredChunk < MIN_CHUNK || preferredChunk > MAX_CHUNK) {
            throw new IllegalArgumentException("chunk size must be between 5 MiB and 64 MiB: " + preferredChunk);
        }
        this.s3 = s3;
        this.bucket = bucket;
        this.preferredChunk = preferredChunk;
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
        int chunk = chunkSizeFor(maxBytes);
        byte[][] buffers = new byte[2][];
        Future<?>[] uploading = new Future<?>[2];
        ExecutorService uploader = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("seqvault-s3-part").factory());
        try (ParallelDigests digests = new ParallelDigests()) {
            long total = 0;
            int s3Part = 0;
            int slot = 0;
            while (true) {
                await(uploading[slot]);
                // Ask for at most one byte beyond the limit: enough to know it was exceeded.
                long allowed = maxBytes - total;
                int want = allowed >= chunk ? chunk : (int) allowed + 1;
                int n = fill(buffers, slot, in, want);
                total += n;
                if (total > maxBytes) {
                    throw new UserException(Problem.PAYLOAD_TOO_LARGE, "part " + partNumber + " is larger than "
                            + ByteSize.format(maxBytes) + "; send at most that much");
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

    /**
     * Reads up to {@code want} bytes (fewer only at the end of the stream) into the slot's buffer,
     * which starts at {@link #FIRST_BUFFER} and doubles as bytes arrive, up to {@code want}.
     */
    static int fill(byte[][] buffers, int slot, InputStream in, int want) throws IOException {
        byte[] buffer = buffers[slot] != null ? buffers[slot] : new byte[Math.min(want, FIRST_BUFFER)];
        int n = 0;
        while (n < want) {
            if (n == buffer.length) {
                buffer = Arrays.copyOf(buffer, (int) Math.min(want, 2L * buffer.length));
            }
            int read = in.read(buffer, n, Math.min(buffer.length, want) - n);
            if (read < 0) {
                break;
            }
            n += read;
        }
        buffers[slot] = buffer;
        return n;
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
                throw new IOException("S3 refused a part: " + sdk.getMessage(), sdk);
            }
            throw new IllegalStateException("uploading a part to S3 failed", e.getCause());
        }
    }
}
