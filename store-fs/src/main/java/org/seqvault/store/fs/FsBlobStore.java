package org.seqvault.store.fs;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Checksums;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.Clock;
import org.seqvault.service.presign.BlobPaths;
import org.seqvault.service.presign.SignedQuery;
import org.seqvault.service.presign.UrlSigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blobs on the local file system (layout in {@link FsLayout}). Parts are streamed to staging
 * and fsync'd; assembling renames them into the blob's directory as its segments, so no byte
 * is copied twice. Presigned part URLs point back at this server and are signed with
 * {@link UrlSigner}; the server serves downloads itself, from {@link #open}.
 */
public final class FsBlobStore implements BlobStore {
    private static final Logger LOG = LoggerFactory.getLogger(FsBlobStore.class);
    /** How recent a write to staging must be for {@link #stagedRecently} (fixed by the port's contract). */
    private static final Duration RECENT = Duration.ofHours(1);
    /** Reads parts that arrived out of order into the blob's running digests; two, so uploads share the cores. */
    private static final ExecutorService CATCH_UP = Executors.newFixedThreadPool(2,
            Thread.ofPlatform().daemon().name("seqvault-hash-ahead-", 0).factory());

    private final FsLayout layout;
    private final UrlSigner signer;
    private final String publicBaseUrl;
    private final Clock clock;
    private final RunningDigests running = new RunningDigests();

    /**
     * @param root          directory holding {@code staging/} and {@code blobs/}; created on first write
     * @param publicBaseUrl scheme, host and port that clients reach this server at, e.g. {@code http://127.0.0.1:8080}
     */
    public FsBlobStore(Path root, UrlSigner signer, String publicBaseUrl) {
        this(root, signer, publicBaseUrl, Clock.system());
    }

    public FsBlobStore(Path root, UrlSigner signer, String publicBaseUrl, Clock clock) {
        this.layout = new FsLayout(Objects.requireNonNull(root, "root"));
        this.signer = Objects.requireNonNull(signer, "signer");
        this.publicBaseUrl = baseUrl(publicBaseUrl);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ---- staging ------------------------------------------------------------------------

    @Override
    public UploadPart writePart(String uploadId, int partNumber, InputStream in, long maxBytes, boolean onlyPart)
            throws IOException {
        Objects.requireNonNull(in, "in");
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
        Path dir = layout.stagingDir(uploadId);
        String locator = FsLayout.newStagedFileName(partNumber);
        Path file = dir.resolve(locator);
        try {
            Durable.createDirectories(dir);
            MessageDigest md5 = Digests.md5();
            // A lone part's SHA-256 is the blob's; a part of several may carry the blob's digests forward.
            MessageDigest sha256 = onlyPart ? Digests.sha256() : null;
            Optional<RunningDigests.Continuation> carry = onlyPart
                    ? Optional.empty() : running.continuation(uploadId, partNumber);
            List<MessageDigest> alsoHash = sha256 != null ? List.of(sha256)
                    : carry.map(RunningDigests.Continuation::digests).orElse(List.of());
            long size;
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                size = PartCopier.copy(in, file, out, maxBytes, partNumber, md5, alsoHash);
                out.force(true);
            }
            // The file is new, so its name is only durable once the directory is flushed too.
            Durable.fsyncDirectory(dir);
            if (!onlyPart) {
                // Before md5 is finished below: part 1's running MD5 is the blob's so far.
                carry.ifPresentOrElse(c -> running.extend(uploadId, c, locator, md5),
                        () -> running.waiting(uploadId, partNumber, locator));
                catchUpLater(uploadId);
            }
            return new UploadPart(uploadId, partNumber, size, Digests.hex(md5),
                    sha256 == null ? null : Digests.hex(sha256), locator, clock.now());
        } catch (IOException | RuntimeException | Error e) {
            deleteQuietly(file, e);
            if (e instanceof IOException && OutOfSpace.causedBy(e)) {
                // The caller only sees a 507; the operator needs to know which disk filled up.
                LOG.warn("staging a part of upload {} failed: out of space under {}: {}", uploadId, dir, e.toString());
                throw new UserException(Problem.INSUFFICIENT_STORAGE,
                        "the server has no storage space left for this upload; try again later");
            }
            throw e;
        }
    }

    /** Reads waiting parts that now follow the blob's running digests into them, off the request thread. */
    private void catchUpLater(String uploadId) {
        running.claimNext(uploadId).ifPresent(first -> CATCH_UP.execute(() -> {
            Optional<RunningDigests.CatchUp> next = Optional.of(first);
            while (next.isPresent()) {
                next = catchUp(uploadId, next.get());
            }
        }));
    }

    /**
     * Adds one claimed part to the running digests and returns the next one, claimed. The claim is
     * given up on every way out, an Error included: an assembly waits while a part is claimed.
     */
    private Optional<RunningDigests.CatchUp> catchUp(String uploadId, RunningDigests.CatchUp part) {
        try {
            SegmentHasher.feed(part.md5(), part.sha256(), List.of(layout.stagedFile(uploadId, part.locator())));
        } catch (IOException | RuntimeException e) {
            // Sent again or discarded meanwhile: assembly reads whatever is not covered.
            LOG.debug("could not read part {} of upload {} ahead of assembly: {}", part.locator(), uploadId,
                    e.toString());
            running.gaveUp(uploadId, part);
            return running.claimNext(uploadId);
        } catch (Error e) {
            running.gaveUp(uploadId, part);
            throw e;
        }
        return running.caughtUp(uploadId, part);
    }

    private void settleReadsAhead(String uploadId) throws InterruptedIOException {
        try {
            running.settle(uploadId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while parts were being hashed ahead of assembly");
        }
    }

    /** How many leading parts the blob's running digests cover once no part is being read ahead (for tests). */
    int partsHashedAhead(String uploadId) throws IOException {
        settleReadsAhead(uploadId);
        return running.partsCovered(uploadId);
    }

    @Override
    public void discardPart(String uploadId, String locator) {
        Path file = layout.stagedFile(uploadId, locator);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Not worth failing the caller's request: the whole staging directory goes with the upload.
            LOG.warn("could not delete staged part {}: {}", file, e.toString());
        }
    }

    @Override
    public void discardUpload(String uploadId) throws IOException {
        running.forget(uploadId);
        deleteDirectory(layout.stagingDir(uploadId));
    }

    @Override
    public Stream<String> stagedUploadIds() throws IOException {
        Path staging = layout.stagingRoot();
        if (!Files.isDirectory(staging)) {
            return Stream.empty();
        }
        return Files.list(staging)
                .filter(Files::isDirectory)
                .map(p -> p.getFileName().toString())
                .filter(FsLayout::isId);
    }

    @Override
    public boolean stagedRecently(String uploadId) throws IOException {
        Path dir = layout.stagingDir(uploadId);
        Instant since = clock.now().minus(RECENT);
        try (Stream<Path> files = Files.list(dir)) {
            // A part being streamed updates its file's mtime; a file created or removed updates the directory's.
            return Stream.concat(Stream.of(dir), files).anyMatch(p -> modifiedAfter(p, since));
        } catch (NoSuchFileException e) {
            return false;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    // ---- presigned URLs -----------------------------------------------------------------

    @Override
    public Presigned presignPartUpload(UploadSession session, int partNumber, Instant expires) {
        String path = BlobPaths.partUpload(FsLayout.requireId(session.id(), "upload id"), partNumber);
        return presigned("PUT", path, expires);
    }

    private Presigned presigned(String method, String path, Instant expires) {
        SignedQuery query = signer.sign(method, path, expires);
        return new Presigned(publicBaseUrl + path + "?" + query.render(), method, Map.of(), query.expires());
    }

    // ---- blobs --------------------------------------------------------------------------

    @Override
    public Blob assemble(String uploadId, String blobId, List<UploadPart> parts, Instant now) throws IOException {
        Path staging = layout.stagingDir(uploadId);
        Path blobDir = layout.blobDir(blobId);
        // Every locator is checked before the first rename, so a bad list changes nothing.
        List<Path> stagedFiles = stagedFiles(uploadId, parts);
        // A part being read ahead is finished where it is staged, not cut off by the renames below.
        settleReadsAhead(uploadId);
        Durable.createDirectories(blobDir);
        long size = 0;
        for (int i = 0; i < parts.size(); i++) {
            moveToSegment(parts.get(i), stagedFiles.get(i), blobDir.resolve(FsLayout.segmentName(i + 1)));
            size += parts.get(i).size();
        }
        // Also after a retry that moved nothing: the interrupted call may not have got this far.
        Durable.fsyncDirectory(blobDir);
        List<Path> segments = FsLayout.segments(blobDir);
        if (segments.size() != parts.size()) {
            throw new IllegalStateException("blob " + blobId + " has " + segments.size() + " segments but "
                    + parts.size() + " parts were assembled into it");
        }
        Checksums checksums = checksums(uploadId, parts, segments);
        running.forget(uploadId);
        removeIfEmpty(staging);
        return new Blob(blobId, size, checksums, parts.size(), now);
    }

    /**
     * A lone part was hashed whole while it streamed in. Of several, the blob's digests were carried
     * forward while the parts arrived ({@link RunningDigests}); what they do not cover yet is read
     * again, going on from there.
     */
    private Checksums checksums(String uploadId, List<UploadPart> parts, List<Path> segments) throws IOException {
        if (parts.size() == 1 && parts.get(0).sha256() != null) {
            return new Checksums(parts.get(0).etag(), parts.get(0).sha256());
        }
        Optional<RunningDigests.Resume> resume = running.resume(uploadId, parts);
        if (resume.isEmpty()) {
            return SegmentHasher.hash(segments);
        }
        RunningDigests.Resume r = resume.get();
        return SegmentHasher.hash(r.md5(), r.sha256(), segments.subList(r.partsCovered(), segments.size()));
    }

    /** Renames one staged part into place; a part already in place from an interrupted call is kept. */
    private static void moveToSegment(UploadPart part, Path staged, Path segment) throws IOException {
        if (Files.exists(staged)) {
            requireSize(staged, part);
            // rename(2): atomic, no bytes copied, and it replaces a segment left by a crash mid-way.
            Files.move(staged, segment, StandardCopyOption.ATOMIC_MOVE);
        } else if (Files.exists(segment)) {
            requireSize(segment, part);
        } else {
            throw new IllegalStateException("part " + part.partNumber() + " of upload " + part.uploadId()
                    + " is neither staged (" + staged + ") nor in place (" + segment + ")");
        }
    }

    private static void requireSize(Path file, UploadPart part) throws IOException {
        long actual = Files.size(file);
        if (actual != part.size()) {
            throw new IllegalStateException("part " + part.partNumber() + " of upload " + part.uploadId()
                    + " was recorded with " + part.size() + " bytes but " + file + " holds " + actual);
        }
    }

    /** The staged file of each part, after checking the parts are this upload's, in order. */
    private List<Path> stagedFiles(String uploadId, List<UploadPart> parts) {
        if (parts == null || parts.isEmpty()) {
            throw new IllegalArgumentException("an upload has at least one part, even when empty");
        }
        if (parts.size() > FsLayout.MAX_SEGMENTS) {
            throw new IllegalArgumentException("at most " + FsLayout.MAX_SEGMENTS + " parts: " + parts.size());
        }
        List<Path> files = new ArrayList<>(parts.size());
        int previous = 0;
        for (UploadPart part : parts) {
            if (!uploadId.equals(part.uploadId())) {
                throw new IllegalArgumentException("part " + part.partNumber() + " belongs to upload "
                        + part.uploadId() + ", not " + uploadId);
            }
            if (part.partNumber() <= previous) {
                throw new IllegalArgumentException("parts must be ordered by part number without repeats");
            }
            previous = part.partNumber();
            files.add(layout.stagedFile(uploadId, part.locator()));
        }
        return files;
    }

    @Override
    public void delete(String blobId) throws IOException {
        deleteDirectory(layout.blobDir(blobId));
    }

    @Override
    public BlobReader open(String blobId) throws IOException {
        return SegmentedBlobReader.open(existingSegments(blobId));
    }

    @Override
    public Checksums checksums(String blobId) throws IOException {
        return SegmentHasher.hash(existingSegments(blobId));
    }

    private List<Path> existingSegments(String blobId) throws IOException {
        List<Path> segments = FsLayout.segments(layout.blobDir(blobId));
        if (segments.isEmpty()) {
            // Every assembled blob has a segment (an empty file has one empty segment).
            throw new UserException(Problem.FILE_NOT_FOUND, "the content of this file (blob " + blobId
                    + ") is missing from the store");
        }
        return segments;
    }

    @Override
    public Stream<String> blobIds() throws IOException {
        Path blobs = layout.blobsRoot();
        if (!Files.isDirectory(blobs)) {
            return Stream.empty();
        }
        // Only ids that sit where blobDir puts them, so strays are never reported.
        return shards(blobs).flatMap(first -> shards(first).flatMap(second -> list(second)
                .map(p -> p.getFileName().toString())
                .filter(id -> FsLayout.isId(id) && id.length() >= 4 && layout.blobDir(id).equals(second.resolve(id)))));
    }

    private static Stream<Path> shards(Path dir) {
        return list(dir).filter(p -> FsLayout.isShard(p.getFileName().toString()));
    }

    private static Stream<Path> list(Path dir) {
        try {
            return Files.list(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- helpers ------------------------------------------------------------------------

    /** Deletes a directory of plain files; a missing directory is fine. */
    private static void deleteDirectory(Path dir) throws IOException {
        List<Path> entries;
        try (Stream<Path> listing = Files.list(dir)) {
            entries = listing.toList();
        } catch (NoSuchFileException e) {
            return;
        }
        for (Path entry : entries) {
            Files.deleteIfExists(entry);
        }
        Files.deleteIfExists(dir);
    }

    private static void removeIfEmpty(Path dir) throws IOException {
        try {
            Files.deleteIfExists(dir);
        } catch (DirectoryNotEmptyException e) {
            // Replaced or late parts are still there; the collector drops them with the upload.
        }
    }

    private static boolean modifiedAfter(Path path, Instant since) {
        try {
            return Files.getLastModifiedTime(path).toInstant().isAfter(since);
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file, Throwable failure) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    private static String baseUrl(String url) {
        Objects.requireNonNull(url, "publicBaseUrl");
        String trimmed = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
            throw new IllegalArgumentException("publicBaseUrl must start with http:// or https://: " + url);
        }
        return trimmed;
    }
}
