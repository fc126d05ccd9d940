package org.seqvault.service.scrub;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Checksums;
import org.seqvault.domain.Problem;
import org.seqvault.domain.UserException;
import org.seqvault.service.port.BlobStore;
import org.seqvault.service.port.MetadataStore;

/**
 * Re-reads every blob the database knows and compares its checksums with the recorded ones,
 * so bit rot, truncation or a lost file is found before a user downloads it. Safe while the
 * server runs: blobs are immutable, and a blob that disappears mid-pass is reported only if its
 * database row is still there afterwards (otherwise the collector simply reclaimed it).
 */
public final class Scrubber {
    private static final int PAGE = 500;

    private final MetadataStore store;
    private final BlobStore blobs;

    public Scrubber(MetadataStore store, BlobStore blobs) {
        this.store = store;
        this.blobs = blobs;
    }

    /** Checks every blob; {@code onFinding} hears about each problem as soon as it is found. */
    public ScrubReport scrub(Consumer<Finding> onFinding) {
        long started = System.nanoTime();
        List<Finding> findings = new ArrayList<>();
        long checked = 0;
        long bytes = 0;
        String after = null;
        while (true) {
            String from = after;
            List<Blob> page = store.read(tx -> tx.blobs().page(from, PAGE));
            for (Blob blob : page) {
                Optional<Finding> finding = check(blob);
                if (finding.isPresent()) {
                    findings.add(finding.get());
                    onFinding.accept(finding.get());
                }
                checked++;
                bytes += blob.size();
            }
            if (page.size() < PAGE) {
                return new ScrubReport(checked, bytes, findings, Duration.ofNanos(System.nanoTime() - started));
            }
            after = page.getLast().id();
        }
    }

    private Optional<Finding> check(Blob blob) {
        Checksums actual;
        try {
            actual = blobs.checksums(blob.id());
        } catch (UserException e) {
            return e.problem() == Problem.FILE_NOT_FOUND
                    ? stillRecorded(blob, Finding.Problem.MISSING, e.getMessage())
                    : stillRecorded(blob, Finding.Problem.UNREADABLE, e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("this blob store cannot re-read its blobs' checksums, so it cannot be scrubbed", e);
        } catch (NoSuchFileException | FileNotFoundException e) {
            return stillRecorded(blob, Finding.Problem.MISSING, "a stored file is gone: " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            return stillRecorded(blob, Finding.Problem.UNREADABLE, e.toString());
        }
        Checksums expected = blob.checksums();
        if (!expected.sha256().equals(actual.sha256())) {
            return Optional.of(new Finding(blob.id(), Finding.Problem.CORRUPT,
                    "sha256 is " + actual.sha256() + " but " + expected.sha256() + " was recorded"));
        }
        if (!expected.md5().equals(actual.md5())) {
            return Optional.of(new Finding(blob.id(), Finding.Problem.CORRUPT,
                    "md5 is " + actual.md5() + " but " + expected.md5() + " was recorded"));
        }
        return Optional.empty();
    }

    /** A blob deleted by the collector while we read it is no finding; one whose row remains is. */
    private Optional<Finding> stillRecorded(Blob blob, Finding.Problem problem, String detail) {
        boolean recorded = store.read(tx -> tx.blobs().exists(blob.id()));
        return recorded ? Optional.of(new Finding(blob.id(), problem, detail)) : Optional.empty();
    }
}
