package org.seqvault.client.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.seqvault.client.DownloadOptions;
import org.seqvault.client.ForbiddenException;
import org.seqvault.client.IntegrityException;
import org.seqvault.client.ProgressListener;
import org.seqvault.client.SeqVaultException;

/**
 * One file down through parallel ranged GETs into {@code <name>.part}, each range written at
 * its own offset and recorded in the state file when complete, hashed in order as it goes.
 * Only a file whose SHA-256 matches the server's replaces the target, atomically.
 */
public final class RangedDownload {
    private final Retrier retrier;
    private final Blobs blobs;

    public RangedDownload(Retrier retrier, Blobs blobs) {
        this.retrier = retrier;
        this.blobs = blobs;
    }

    /** Downloads {@code source} into {@code directory}; returns the saved file. */
    public Path run(DownloadSource source, Path directory, DownloadOptions options) {
        String name = options.name() != null ? options.name() : source.name();
        Path target = targetIn(directory, name);
        if (!options.overwrite() && Files.exists(target)) {
            throw new UncheckedIOException(new FileAlreadyExistsException(target.toString(), null,
                    "already exists (download with overwrite to replace it)"));
        }
        Path partial = target.resolveSibling(name + ".part");
        DownloadStateFile state = DownloadStateFile.beside(target);
        long size = source.size();
        long rangeSize = PartPlan.rangeSize(size, options.chunkSize());
        int ranges = size == 0 ? 0 : PartPlan.count(size, rangeSize);
        ProgressListener listener = options.listener();
        try {
            BitSet done = options.resume() ? state.finished(source.identity(), size, rangeSize, partial) : null;
            if (done == null) {
                done = new BitSet();
                startFresh(partial, size);
            }
            long resumed = done.stream().mapToLong(i -> PartPlan.length(i + 1, rangeSize, size)).sum();
            listener.started(name, size, resumed);
            String actual;
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 OrderedHasher hasher = new OrderedHasher(channel, rangeSize, size, ranges, done)) {
                fetchMissing(source, name, channel, hasher, state, done, ranges, rangeSize, options);
                actual = hasher.digest();
            }
            if (source.sha256() != null && !source.sha256().equalsIgnoreCase(actual)) {
                Files.deleteIfExists(partial);
                state.delete();
                throw new IntegrityException("downloaded " + name + " has SHA-256 " + actual + " but the server has "
                        + source.sha256() + "; the partial file was removed");
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            state.delete();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SeqVaultException("the download of " + name + " was interrupted", e);
        }
        listener.finished(name);
        return target;
    }

    private void fetchMissing(DownloadSource source, String name, FileChannel channel, OrderedHasher hasher,
                              DownloadStateFile state, BitSet done, int ranges, long rangeSize,
                              DownloadOptions options) {
        FreshUrl url = new FreshUrl(source);
        ProgressListener listener = options.listener();
        List<ParallelTasks.Task> tasks = new ArrayList<>();
        for (int i = 0; i < ranges; i++) {
            if (done.get(i)) {
                continue;
            }
            int index = i;
            long offset = (long) i * rangeSize;
            long length = PartPlan.length(i + 1, rangeSize, source.size());
            String what = "bytes " + offset + "-" + (offset + length - 1) + " of " + name;
            tasks.add(() -> {
                retrier.run(what, true, attempt -> {
                    String u = url.current();
                    try {
                        blobs.getRange(u, offset, length, source.size(), channel, listener::transferred);
                    } catch (ForbiddenException e) {
                        url.replace(u);
                        throw new IOException("the presigned URL was refused (" + e.serverMessage()
                                + "); asking for a fresh one", e);
                    }
                    return null;
                }, (attempt, cause, wait) -> listener.retrying(what, attempt, cause));
                synchronized (done) {
                    done.set(index);
                    state.write(source.identity(), source.size(), rangeSize, done);
                }
                hasher.ready(index);
            });
        }
        ParallelTasks.run("seqvault-download", options.parallelism(), tasks);
    }

    /** The target inside the directory; a name that would land elsewhere is refused. */
    private static Path targetIn(Path directory, String name) {
        Path dir = directory.toAbsolutePath().normalize();
        Path target = dir.resolve(name).normalize();
        if (name.isEmpty() || !dir.equals(target.getParent())) {
            throw new IllegalArgumentException("'" + name + "' is not a plain file name");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private static void startFresh(Path partial, long size) throws IOException {
        Files.deleteIfExists(partial);
        try (RandomAccessFile f = new RandomAccessFile(partial.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    /** The presigned URL in use, replaced once by whichever range first finds it refused. */
    private static final class FreshUrl {
        private final DownloadSource source;
        private String url;

        FreshUrl(DownloadSource source) {
            this.source = source;
        }

        synchronized String current() {
            if (url == null) {
                url = source.freshUrl().get();
            }
            return url;
        }

        synchronized void replace(String refused) {
            if (refused.equals(url)) {
                url = null;
            }
        }
    }
}
