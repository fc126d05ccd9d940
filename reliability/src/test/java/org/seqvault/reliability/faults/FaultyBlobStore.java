package org.seqvault.reliability.faults;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Checksums;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;
import org.seqvault.service.port.BlobStore;

/**
 * A blob store that fails on command, around a real one. A write fault strikes inside the real
 * store's copy loop, after some bytes are on disk, exactly where a full disk or a failing one
 * would; assembly and read faults strike before the real store is asked.
 */
final class FaultyBlobStore implements BlobStore {
    /** Bytes a part write gets through before a write fault strikes. */
    static final int BYTES_BEFORE_WRITE_FAULT = 64 * 1024;

    private final BlobStore real;
    final AtomicReference<Fault> onWrite = new AtomicReference<>();
    final AtomicReference<Fault> onAssemble = new AtomicReference<>();
    final AtomicReference<Fault> onRead = new AtomicReference<>();

    FaultyBlobStore(BlobStore real) {
        this.real = real;
    }

    void heal() {
        onWrite.set(null);
        onAssemble.set(null);
        onRead.set(null);
    }

    @Override
    public UploadPart writePart(String uploadId, int partNumber, InputStream in, long maxBytes, boolean onlyPart)
            throws IOException {
        Fault fault = onWrite.get();
        return real.writePart(uploadId, partNumber, fault == null ? in : new FailingStream(in, fault), maxBytes,
                onlyPart);
    }

    @Override
    public Blob assemble(String uploadId, String blobId, List<UploadPart> parts, Instant now) throws IOException {
        strike(onAssemble);
        return real.assemble(uploadId, blobId, parts, now);
    }

    @Override
    public BlobReader open(String blobId) throws IOException {
        strike(onRead);
        return real.open(blobId);
    }

    @Override
    public Checksums checksums(String blobId) throws IOException {
        strike(onRead);
        return real.checksums(blobId);
    }

    private static void strike(AtomicReference<Fault> fault) throws IOException {
        Fault f = fault.get();
        if (f != null) {
            throw f.exception();
        }
    }

    // ---- the rest is the real store's ----------------------------------------------------

    @Override
    public String beginUpload(String uploadId) throws IOException {
        return real.beginUpload(uploadId);
    }

    @Override
    public List<UploadPart> directParts(UploadSession session) throws IOException {
        return real.directParts(session);
    }

    @Override
    public Optional<String> blobIdFor(String uploadId) {
        return real.blobIdFor(uploadId);
    }

    @Override
    public long minPartSize() {
        return real.minPartSize();
    }

    @Override
    public void discardPart(String uploadId, String locator) {
        real.discardPart(uploadId, locator);
    }

    @Override
    public Presigned presignPartUpload(UploadSession session, int partNumber, Instant expires) {
        return real.presignPartUpload(session, partNumber, expires);
    }

    @Override
    public Optional<String> browserOrigin() {
        return real.browserOrigin();
    }

    @Override
    public Optional<Presigned> presignDownload(String blobId, String fileName, Instant expires) {
        return real.presignDownload(blobId, fileName, expires);
    }

    @Override
    public void discardUpload(String uploadId) throws IOException {
        real.discardUpload(uploadId);
    }

    @Override
    public void delete(String blobId) throws IOException {
        real.delete(blobId);
    }

    @Override
    public Stream<String> blobIds() throws IOException {
        return real.blobIds();
    }

    @Override
    public Stream<String> stagedUploadIds() throws IOException {
        return real.stagedUploadIds();
    }

    @Override
    public boolean stagedRecently(String uploadId) throws IOException {
        return real.stagedRecently(uploadId);
    }

    /** The request body as the real store reads it, failing once some bytes have passed. */
    private static final class FailingStream extends FilterInputStream {
        private final Fault fault;
        private long passed;

        FailingStream(InputStream in, Fault fault) {
            super(in);
            this.fault = fault;
        }

        @Override
        public int read() throws IOException {
            check(1);
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            check(len);
            int n = super.read(b, off, (int) Math.min(len, Math.max(1, BYTES_BEFORE_WRITE_FAULT - passed)));
            passed += Math.max(n, 0);
            return n;
        }

        private void check(int wanted) throws IOException {
            if (passed >= BYTES_BEFORE_WRITE_FAULT && wanted > 0) {
                throw fault.exception();
            }
        }
    }
}
