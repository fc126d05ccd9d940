package org.seqvault.genomics;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import org.seqvault.service.port.BlobStore.BlobReader;

/** A store's reader that counts the ranged reads made through it and the bytes they returned. */
final class CountingReader implements BlobReader {
    private final BlobReader inner;
    long bytes;
    int reads;

    CountingReader(BlobReader inner) {
        this.inner = inner;
    }

    @Override
    public long size() {
        return inner.size();
    }

    @Override
    public void transferTo(long offset, long length, WritableByteChannel target) throws IOException {
        inner.transferTo(offset, length, target);
        bytes += length;
        reads++;
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
