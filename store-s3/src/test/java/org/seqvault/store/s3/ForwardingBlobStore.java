package org.seqvault.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Checksums;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;
import org.seqvault.service.port.BlobStore;

/** A blob store that passes every call on to another: tests override the calls they watch or break. */
abstract class ForwardingBlobStore implements BlobStore {
    protected final BlobStore store;

    ForwardingBlobStore(BlobStore store) {
        this.store = store;
    }

    @Override
    public Blob assemble(String uploadId, String blobId, List<UploadPart> parts, Instant now) throws IOException {
        return store.assemble(uploadId, blobId, parts, now);
    }

    @Override
    public String beginUpload(String uploadId) throws IOException {
        return store.beginUpload(uploadId);
    }

    @Override
    public List<UploadPart> directParts(UploadSession session) throws IOException {
        return store.directParts(session);
    }

    @Override
    public Optional<String> blobIdFor(String uploadId) {
        return store.blobIdFor(uploadId);
    }

    @Override
    public long minPartSize() {
        return store.minPartSize();
    }

    @Override
    public UploadPart writePart(String uploadId, int partNumber, InputStream in, long maxBytes, boolean onlyPart)
            throws IOException {
        return store.writePart(uploadId, partNumber, in, maxBytes, onlyPart);
    }

    @Override
    public void discardPart(String uploadId, String locator) {
        store.discardPart(uploadId, locator);
    }

    @Override
    public Presigned presignPartUpload(UploadSession session, int partNumber, Instant expires) {
        return store.presignPartUpload(session, partNumber, expires);
    }

    @Override
    public Optional<String> browserOrigin() {
        return store.browserOrigin();
    }

    @Override
    public Optional<Presigned> presignDownload(String blobId, String fileName, Instant expires) {
        return store.presignDownload(blobId, fileName, expires);
    }

    @Override
    public void discardUpload(String uploadId) throws IOException {
        store.discardUpload(uploadId);
    }

    @Override
    public void delete(String blobId) throws IOException {
        store.delete(blobId);
    }

    @Override
    public BlobReader open(String blobId) throws IOException {
        return store.open(blobId);
    }

    @Override
    public Checksums checksums(String blobId) throws IOException {
        return store.checksums(blobId);
    }

    @Override
    public Stream<String> blobIds() throws IOException {
        return store.blobIds();
    }

    @Override
    public Stream<String> stagedUploadIds() throws IOException {
        return store.stagedUploadIds();
    }

    @Override
    public boolean stagedRecently(String uploadId) throws IOException {
        return store.stagedRecently(uploadId);
    }
}
