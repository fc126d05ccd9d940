package org.seqvault.service.port;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.WritableByteChannel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Checksums;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;

/**
 * Where the bytes live. Blobs are written once under their id and never changed. An upload's
 * parts are staged until {@link #assemble} turns them into a durable blob.
 *
 * <p>Parts reach a store in one of two ways: through the server ({@link #writePart}, recorded in
 * the database by the caller) or straight from clients to a presigned URL that points at the
 * store itself ({@link #directParts}), in which case the server never sees the bytes.
 */
public interface BlobStore {

    /**
     * Prepares the store for an upload's parts before its session is recorded. Returns the
     * store's own handle for the upload (kept in {@link UploadSession#storeUploadId()}, so every
     * replica finds it), or null when the store needs none. A store whose handle is never
     * recorded (the session insert failed) is cleaned up by {@link #discardUpload}.
     */
    default String beginUpload(String uploadId) throws IOException {
        return null;
    }

    /**
     * Parts that clients sent straight to the store, which the database has therefore not
     * recorded. Their {@code etag} is the store's (the hex MD5 of the part unless the store
     * encrypts with a customer key) and their {@code sha256} is null: the server never saw the
     * bytes. Empty for a store that receives every part through {@link #writePart}, and for an
     * upload the store no longer holds (completed or aborted).
     */
    default List<UploadPart> directParts(UploadSession session) throws IOException {
        return List.of();
    }

    /**
     * The blob id an upload must be assembled into, for a store that writes an upload in place
     * at its final name (an S3 multipart upload is completed at the key it was created at);
     * empty to let the caller pick a fresh id.
     */
    default Optional<String> blobIdFor(String uploadId) {
        return Optional.empty();
    }

    /** The smallest size the store accepts for every part of an upload but the last (S3: 5 MiB). */
    default long minPartSize() {
        return 1;
    }

    /** The largest part the store takes in one PUT (S3: 5 GiB); local files take any size. */
    default long maxPartSize() {
        return Long.MAX_VALUE;
    }

    /**
     * Streams one part of an upload to staging, durably (fsync before returning), computing
     * its MD5 (the part's ETag) on the way, and its SHA-256 when {@code onlyPart}: the part will
     * be the blob's only one, so its SHA-256 is the blob's. One of several parts gets none (its
     * {@code sha256} is null): the blob's digests are the store's business by the time the parts
     * are assembled (the local store carries them across the parts as they arrive), so a part's own
     * would be hashing work thrown away. A store may compute it anyway. Fails with
     * PAYLOAD_TOO_LARGE after {@code maxBytes} bytes and leaves nothing behind when it fails.
     */
    UploadPart writePart(String uploadId, int partNumber, InputStream in, long maxBytes, boolean onlyPart)
            throws IOException;

    /** Drops one staged part's bytes (a part that was replaced, or that arrived too late). */
    void discardPart(String uploadId, String locator);

    /** A URL that accepts the bytes of one part by PUT, without a token, until {@code expires}. */
    Presigned presignPartUpload(UploadSession session, int partNumber, Instant expires);

    /**
     * A URL at the store itself that serves one blob by GET (with Range), without a token, until
     * {@code expires}, as an attachment named {@code fileName}; empty for a store whose bytes the
     * server serves from {@link #open}. Never handed out as a file's download URL (that one names
     * the file, so it stops working when the file is deleted): the server redirects to it.
     */
    default Optional<Presigned> presignDownload(String blobId, String fileName, Instant expires) {
        return Optional.empty();
    }

    /**
     * The origin ({@code scheme://host[:port]}) of the store's own presigned URLs, which browsers
     * then call from the web page (its Content-Security-Policy must allow it); empty for a store
     * whose URLs are the server's own.
     */
    default Optional<String> browserOrigin() {
        return Optional.empty();
    }

    /**
     * Turns the staged parts (ordered by part number) into the durable blob {@code blobId} and
     * returns it with its size and checksums. Idempotent: when a previous call got part of the
     * way (a crash), calling it again with the same arguments finishes the job.
     */
    Blob assemble(String uploadId, String blobId, List<UploadPart> parts, Instant now) throws IOException;

    /** Drops everything staged for an upload. */
    void discardUpload(String uploadId) throws IOException;

    /** Deletes a blob's bytes; deleting a missing blob is not an error. */
    void delete(String blobId) throws IOException;

    /** Opens a blob for reading. */
    BlobReader open(String blobId) throws IOException;

    /** Ids of every blob present in the store, and of uploads with staged bytes: the collector's inventory. */
    Stream<String> blobIds() throws IOException;

    Stream<String> stagedUploadIds() throws IOException;

    /**
     * True when the upload's staging area was written to within the last hour. A form upload
     * stages bytes before its session row exists, so the collector spares young staging areas.
     */
    boolean stagedRecently(String uploadId) throws IOException;

    /** A presigned request: the URL and the headers the caller must send with it. */
    record Presigned(String url, String method, Map<String, String> headers, Instant expires) {
    }

    /** Random access to a blob's bytes. */
    interface BlobReader extends AutoCloseable {
        long size();

        /** Copies {@code length} bytes from {@code offset} to the channel. */
        void transferTo(long offset, long length, WritableByteChannel target) throws IOException;

        @Override
        void close() throws IOException;
    }

    /** Computes checksums of stored bytes (used by scrub). */
    default Checksums checksums(String blobId) throws IOException {
        throw new UnsupportedOperationException("checksums");
    }
}
