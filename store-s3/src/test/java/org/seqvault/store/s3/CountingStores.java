package org.seqvault.store.s3;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
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
    static final class Blobs extends ForwardingBlobStore {
        final AtomicInteger blobListings = new AtomicInteger();
        final AtomicInteger deletions = new AtomicInteger();

        Blobs(BlobStore store) {
            super(store);
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
    }
}
