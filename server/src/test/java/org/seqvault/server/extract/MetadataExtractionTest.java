package org.seqvault.server.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.domain.FileKey;
import org.seqvault.domain.Node;
import org.seqvault.domain.Project;
import org.seqvault.genomics.HtsHeaderReader;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.auth.IdentityService;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.extract.ExtractionStatus;
import org.seqvault.service.extract.HeaderFormat;
import org.seqvault.service.extract.HeaderReader;
import org.seqvault.service.extract.MetadataExtraction;
import org.seqvault.service.port.BlobStore.BlobReader;
import org.seqvault.service.port.Clock;
import org.seqvault.service.presign.SigningKeys;
import org.seqvault.service.presign.UrlSigner;
import org.seqvault.service.project.ProjectService;
import org.seqvault.service.support.RandomIds;
import org.seqvault.service.upload.Staged;
import org.seqvault.service.upload.UploadService;
import org.seqvault.service.upload.UploadSettings;
import org.seqvault.store.fs.FsBlobStore;
import org.seqvault.store.sql.SqlMetadataStore;
import org.seqvault.testkit.genomics.GenomicsFiles;

/**
 * The extraction queue's promises on a real SQLite database and local blob store, with time moved by
 * hand: two replicas never both write a file's keys, and one whose lease ran out writes nothing; a
 * user's edit made while the header is read wins; a store that cannot deliver is retried with backoff,
 * then given up on with a status.
 */
class MetadataExtractionTest {
    private static final String ADMIN = "svt_extraction-test-admin-token-0123456789abcdef";

    @TempDir
    Path dir;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-12-01T10:00:00Z"));
    private final Clock clock = () -> now.get().truncatedTo(ChronoUnit.MICROS);
    private SqlMetadataStore store;
    private FsBlobStore blobs;
    private UploadService uploads;
    private Principal admin;
    private Project project;
    private MetadataExtraction replicaA;

    @BeforeEach
    void open() throws IOException {
        store = SqlMetadataStore.open("jdbc:sqlite:" + dir.resolve("seqvault.db"), null, null);
        blobs = new FsBlobStore(Files.createDirectories(dir.resolve("blobs")),
                new UrlSigner(SigningKeys.of("extraction-test-signing-key")), "http://127.0.0.1:1", clock);
        RandomIds ids = new RandomIds();
        AuditTrail audit = new AuditTrail(store, clock, ids);
        IdentityService identity = new IdentityService(store, clock, ids, audit);
        identity.bootstrap(ADMIN);
        admin = identity.authenticate(ADMIN);
        project = new ProjectService(store, clock, ids, audit).create(admin, "Run 42", null, false);
        replicaA = new MetadataExtraction(store, blobs, new HtsHeaderReader(), clock);
        uploads = new UploadService(store, blobs, clock, ids, new UploadSettings(64L << 20, 64L << 20, 1L << 40,
                Duration.ofHours(1), Duration.ofHours(24)), audit, replicaA.queue(true));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void aReplicaWhoseLeaseRanOutWritesNothingAndTheOneThatTookItOverDoes() throws IOException {
        Node bam = publish(new GenomicsFiles(dir).bam("NA12878.bam", 50));
        MetadataExtraction replicaB = new MetadataExtraction(store, blobs, new HtsHeaderReader(), clock);
        // A reads so slowly that its lease runs out meanwhile, and B claims the row and finishes it.
        AtomicReference<MetadataExtraction.Pass> bPass = new AtomicReference<>();
        MetadataExtraction slowA = new MetadataExtraction(store, blobs, during((format, name, blob) -> {
            now.set(now.get().plus(Duration.ofMinutes(6)));
            bPass.set(replicaB.runOnce());
        }), clock);

        MetadataExtraction.Pass aPass = slowA.runOnce();

        assertThat(bPass.get().done()).isEqualTo(1);
        assertThat(aPass.total()).as("A lost the row: nothing counted, nothing written").isZero();
        assertThat(status(bam).status()).isEqualTo(ExtractionStatus.DONE);
        assertThat(metadata(bam)).containsEntry("sample_id", "NA12878");
        assertThat(replicaA.runOnce().total()).as("nothing left to claim").isZero();
    }

    @Test
    void aValueTheUserSetWhileTheHeaderWasReadWins() throws IOException {
        Node bam = publish(new GenomicsFiles(dir).bam("NA12878.bam", 50));
        MetadataExtraction extraction = new MetadataExtraction(store, blobs, during((format, name, blob) ->
                store.write(tx -> tx.nodes().update(tx.nodes().byId(bam.id()).orElseThrow()
                        .withMetadata(new org.seqvault.domain.Metadata(Map.of("sample_id", "patient-17")), clock.now())))),
                clock);

        assertThat(extraction.runOnce().done()).isEqualTo(1);

        assertThat(metadata(bam)).containsEntry("sample_id", "patient-17").containsEntry("library_id", "lib1");
        assertThat(status(bam).keys()).doesNotContain("sample_id").contains("library_id", "reference_genome");
    }

    @Test
    void bytesTheStoreCannotDeliverAreRetriedWithBackoffThenGivenUpOn() throws IOException {
        Node bam = publish(new GenomicsFiles(dir).bam("NA12878.bam", 50));
        blobs.delete(bam.blobId()); // the row stays: every open of the blob fails

        assertThat(replicaA.runOnce().retried()).isEqualTo(1);
        assertThat(status(bam).status()).startsWith("retrying: ");
        assertThat(replicaA.runOnce().total()).as("not due again before its backoff").isZero();
        for (int attempt = 2; attempt < 8; attempt++) {
            now.set(now.get().plus(Duration.ofMinutes(10)));
            assertThat(replicaA.runOnce().retried()).as("attempt %d", attempt).isEqualTo(1);
        }
        now.set(now.get().plus(Duration.ofMinutes(10)));
        assertThat(replicaA.runOnce().failed()).isEqualTo(1);
        assertThat(status(bam).status()).startsWith("failed: ");
        assertThat(metadata(bam)).isEmpty();
        now.set(now.get().plus(Duration.ofDays(1)));
        assertThat(replicaA.runOnce().total()).as("a failed file is not tried again").isZero();
    }

    /** A real header reader that does {@code meanwhile} before it reads. */
    private static HeaderReader during(Meanwhile meanwhile) {
        HtsHeaderReader real = new HtsHeaderReader();
        return (format, name, blob) -> {
            meanwhile.run(format, name, blob);
            return real.read(format, name, blob);
        };
    }

    @FunctionalInterface
    private interface Meanwhile {
        void run(HeaderFormat format, String name, BlobReader blob);
    }

    private Node publish(Path file) throws IOException {
        String name = file.getFileName().toString();
        try (InputStream in = Files.newInputStream(file)) {
            Staged staged = uploads.stage(admin, project.id(), in, Files.size(file));
            return uploads.publishStaged(admin, new UploadService.Target.KeyInWorkspace(project.id(),
                    FileKey.parse("runs/" + name)), false, null, null, staged);
        }
    }

    private ExtractionStatus status(Node file) {
        return replicaA.of(List.of(file.id())).get(file.id());
    }

    private Map<String, String> metadata(Node file) {
        return store.read(tx -> tx.nodes().byId(file.id()).orElseThrow().metadata().values());
    }
}
