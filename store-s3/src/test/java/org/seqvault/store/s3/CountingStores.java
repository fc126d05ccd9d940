package org.seqvault.store.s3;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Checksums;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.MetadataStore;

/** Real stores that count what is asked of them, to measure what one collector pass costs. */
final class CountingStores {
    private CountingStores() {
    }

    /** Counts transactions (each read or write is one round of queries). */
    static final class Metadata implements MetadataStore {
        private final MetadataStore store;
        final AtomicInteger transactions = new AtomicInteger();

        Metadata(MetadataStore store) {
            this.store = store;
        }

        @Override
        public <T> T read(Function<Tx, T> work) {
            transactions.incrementAndGet();
            return store.read(work);
        }

        @Override
        public <T> T write(Function<Tx, T> work) {
            transactions.incrementAndGet();
            return store.write(work);
        }

        @Override
        public void close() {
            store.close();
        }
    }

    /** Counts full listings of the blobs and deletions; everything else is passed on as it is. */
    static final class Blobs implements BlobStore {
        private final BlobStore store;
        final AtomicInteger blobListings = new AtomicInteger();
        final AtomicInteger deletions = new AtomicInteger();

        Blobs(BlobStore store) {
            this.store = store;
        }

        @Override
        public Stream<String> blobIds() throws IOException {
            blobListings.incrementAndGet();
            return store.blobIds();
        }

        @Override
        public void delete(String blobId) throws IOException {
            deletions.incrementAndGet();
            store.delete(blobId);
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
        public Optional<Presigned> presignDownload(String blobId, String fileName, Instant expires) {
            return store.presignDownload(blobId, fileName, expires);
        }

        @Override
        public Blob assemble(String uploadId, String blobId, List<UploadPart> parts, Instant now) throws IOException {
            return store.assemble(uploadId, blobId, parts, now);
        }

        @Override
        public void discardUpload(String uploadId) throws IOException {
            store.discardUpload(uploadId);
        }

        @Override
        public BlobReader open(String blobId) throws IOException {
            return store.open(blobId);
        }

        @Override
        public Stream<String> stagedUploadIds() throws IOException {
            return store.stagedUploadIds();
        }

        @Override
        public boolean stagedRecently(String uploadId) throws IOException {
            return store.stagedRecently(uploadId);
        }

        @Override
        public Checksums checksums(String blobId) throws IOException {
            return store.checksums(blobId);
        }
    }
}
