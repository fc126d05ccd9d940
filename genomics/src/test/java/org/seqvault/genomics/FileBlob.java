package org.seqvault.genomics;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import org.seqvault.service.port.BlobStore.BlobReader;

/** A local file as a blob, counting the bytes read from it. */
final class FileBlob implements BlobReader {
    private final FileChannel channel;
    private long read;
    private int reads;

    FileBlob(Path file) throws IOException {
        this.channel = FileChannel.open(file);
    }

    long bytesRead() {
        return read;
    }

    int reads() {
        return reads;
    }

    @Override
    public long size() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void transferTo(long offset, long length, WritableByteChannel target) throws IOException {
        long done = 0;
        while (done < length) {
            done += channel.transferTo(offset + done, length - done, target);
        }
        read += length;
        reads++;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
