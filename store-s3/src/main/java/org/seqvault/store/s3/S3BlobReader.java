package org.seqvault.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.seqvault.service.port.BlobStore.BlobReader;
import org.seqvault.service.port.BlobStoreFailure;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Reads ranges of one S3 object, each with its own ranged GetObject streamed to the target, so
 * nothing larger than a copy buffer is held in memory. Used for scrub and server-side reads;
 * clients download through presigned URLs instead.
 */
final class S3BlobReader implements BlobReader {
    private static final int BUFFER_SIZE = 1 << 20;

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final long size;

    S3BlobReader(S3Client s3, String bucket, String key, long size) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void transferTo(long offset, long length, WritableByteChannel target) throws IOException {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("range " + offset + "+" + length + " is outside the blob's "
                    + size + " bytes");
        }
        if (length == 0) {
            return;
        }
        GetObjectRequest request = GetObjectRequest.builder().bucket(bucket).key(key)
                .range("bytes=" + offset + "-" + (offset + length - 1)).build();
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(request)) {
            long copied = copy(in, target, length);
            if (copied != length) {
                throw new IOException("S3 returned " + copied + " bytes of " + key + " where " + length
                        + " were asked for (offset " + offset + ")");
            }
        } catch (SdkException e) {
            throw new BlobStoreFailure("reading " + key + " from S3 failed: " + e.getMessage(), e);
        }
    }

    private static long copy(InputStream in, WritableByteChannel target, long limit) throws IOException {
        byte[] buffer = new byte[(int) Math.min(BUFFER_SIZE, limit)];
        long total = 0;
        int n;
        while (total < limit && (n = readFromS3(in, buffer, (int) Math.min(buffer.length, limit - total))) > 0) {
            ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
            while (chunk.hasRemaining()) {
                target.write(chunk);
            }
            total += n;
        }
        return total;
    }

    /** A failed read is S3's connection breaking; a failed write to {@code target} stays the client's. */
    private static int readFromS3(InputStream in, byte[] buffer, int length) throws BlobStoreFailure {
        try {
            return in.read(buffer, 0, length);
        } catch (IOException e) {
            throw new BlobStoreFailure("the connection to S3 broke mid-read: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // Each transfer opens and closes its own request; nothing is held between them.
    }
}
