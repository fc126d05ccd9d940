package org.seqvault.store.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seqvault.store.s3.TestBytes.MIB;
import static org.seqvault.store.s3.TestBytes.checksumsOf;
import static org.seqvault.store.s3.TestBytes.concat;
import static org.seqvault.store.s3.TestBytes.random;
import static org.seqvault.store.s3.TestBytes.trickle;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.domain.FileKey;
import org.seqvault.domain.Node;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Project;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UploadState;
import org.seqvault.domain.UserException;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.auth.IdentityService;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.file.Container;
import org.seqvault.service.file.FileService;
import org.seqvault.service.file.NamespaceService;
import org.seqvault.service.file.TrashRetention;
import org.seqvault.service.gc.Collector;
import org.seqvault.service.port.BlobStore.Presigned;
import org.seqvault.service.port.Clock;
import org.seqvault.service.presign.DownloadUrls;
import org.seqvault.service.presign.SigningKeys;
import org.seqvault.service.presign.UrlSigner;
import org.seqvault.service.project.ProjectService;
import org.seqvault.service.support.RandomIds;
import org.seqvault.service.upload.Claims;
import org.seqvault.service.upload.Staged;
import org.seqvault.service.upload.UploadService;
import org.seqvault.service.upload.UploadService.Target;
import org.seqvault.service.upload.UploadSettings;
import org.seqvault.service.upload.UploadTicket;
import org.seqvault.store.sql.SqlMetadataStore;
import org.seqvault.testkit.stores.S3TestServer;

/**
 * The upload use cases end to end on S3: UploadService, a real metadata store (SQLite), and
 * clients that PUT to presigned URLs with plain HTTP, so the server never sees those bytes.
 */
class S3UploadFlowTest {
    private static final String TOKEN = "flow-test-admin-token-0123456789";
    private static S3TestServer s3;

    @TempDir
    Path dataDir;
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    private final Clock clock = () -> now.get().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    private SqlMetadataStore metadata;
    private S3BlobStore blobs;
    private UploadService uploads;
    private FileService files;
    private AuditTrail audit;
    private Principal admin;
    private Project project;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3TestServer.start();
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void setUp() {
        metadata = SqlMetadataStore.open("jdbc:sqlite:" + dataDir.resolve("seqvault.db"), null, null);
        blobs = S3TestStores.store(s3, "flow/" + dataDir.getFileName(), clock);
        RandomIds ids = new RandomIds();
        audit = new AuditTrail(metadata, clock, ids);
        uploads = new UploadService(metadata, blobs, clock, ids, new UploadSettings(64L * MIB, 5L << 30, 5L << 40,
                Duration.ofHours(1), Duration.ofHours(24)), audit);
        // No server runs here, so the server's own download URLs are never fetched (see download()).
        files = new FileService(metadata, blobs, clock, Duration.ofHours(1),
                new DownloadUrls(new UrlSigner(SigningKeys.of("s3-flow-signing-key-0123456789")), "http://127.0.0.1:9"),
                TrashRetention.off(), audit);
        IdentityService identity = new IdentityService(metadata, clock, ids, audit);
        identity.bootstrap(TOKEN);
        admin = identity.authenticate(TOKEN);
        project = new ProjectService(metadata, clock, ids, audit).create(admin, "WGS", null, false);
    }

    @AfterEach
    void tearDown() {
        metadata.close();
        blobs.close();
    }

    @Test
    void aSinglePutLimitBelowS3sSmallestPartIsRefused() {
        UploadSettings tooSmall = new UploadSettings(64L * MIB, 1L * MIB, 5L << 40, Duration.ofHours(1),
                Duration.ofHours(24));
        assertThatThrownBy(() -> new UploadService(metadata, blobs, clock, new RandomIds(), tooSmall, audit))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("single_put_limit (1 MiB)").hasMessageContaining("5 MiB");
    }

    @Test
    void sevenBridgesMultipartWithTheZeroByteLastPartQuirk() throws Exception {
        byte[] one = random(5 * MIB, 1);
        byte[] two = random(5 * MIB + 1, 2);
        UploadTicket ticket = uploads.open(admin, new Target.InFolder(project.rootFolderId(), "reads.bam"),
                10L * MIB + 1, 5L * MIB, false, null, null, null);
        UploadSession session = ticket.session();
        assertThat(session.storeUploadId()).isNotNull();
        assertThat(session.partCount()).isEqualTo(3);

        // Parts finish out of order; each is reported with the ETag S3 answered.
        for (int n : new int[] {3, 1, 2}) {
            byte[] bytes = n == 1 ? one : n == 2 ? two : new byte[0];
            Presigned url = uploads.presignPart(admin, session.id(), n);
            HttpResponse<byte[]> put = PresignedHttp.put(url.url(), bytes);
            assertThat(put.statusCode()).isEqualTo(200);
            uploads.reportPart(admin, session.id(), n, "\"" + PresignedHttp.etag(put) + "\"");
        }
        assertThat(uploads.parts(admin, session.id())).extracting(UploadPart::partNumber).containsExactly(1, 2, 3);

        Node file = uploads.complete(admin, session.id(), Claims.NONE);

        assertThat(file.size()).isEqualTo(10L * MIB + 1);
        assertThat(file.checksums()).isEqualTo(checksumsOf(one, two));
        assertThat(file.blobId()).isEqualTo(session.id());
        assertThat(download(file)).isEqualTo(concat(one, two));
        assertThat(uploads.complete(admin, session.id(), Claims.NONE).id()).isEqualTo(file.id());
        assertThat(blobs.stagedUploadIds()).isEmpty();
    }

    @Test
    void completingAgainAfterACrashBehindS3sCompletionPublishesTheSameBytes() throws Exception {
        byte[] one = random(5 * MIB, 7);
        byte[] two = random(100, 8);
        UploadService crashing = new UploadService(metadata, new CrashAfterAssemble(blobs), clock, new RandomIds(),
                uploads.settings(), audit);
        UploadSession session = crashing.open(admin, new Target.InFolder(project.rootFolderId(), "crash.bam"),
                one.length + two.length, (long) one.length, false, null, null, null).session();
        PresignedHttp.put(crashing.presignPart(admin, session.id(), 1).url(), one);
        PresignedHttp.put(crashing.presignPart(admin, session.id(), 2).url(), two);

        assertThatThrownBy(() -> crashing.complete(admin, session.id(), Claims.NONE))
                .hasMessageContaining("simulated crash");
        // S3 has completed the upload, so ListParts no longer knows its parts; the retry must not need it.
        assertThat(blobs.directParts(session)).isEmpty();
        Node file = crashing.complete(admin, session.id(), Claims.NONE);

        assertThat(file.checksums()).isEqualTo(checksumsOf(one, two));
        assertThat(download(file)).isEqualTo(concat(one, two));
    }

    @Test
    void aReportedETagThatS3DoesNotHoldIsRefused() throws Exception {
        UploadSession session = uploads.open(admin, new Target.InFolder(project.rootFolderId(), "x.bam"), 100, 100L,
                false, null, null, null).session();
        PresignedHttp.put(uploads.presignPart(admin, session.id(), 1).url(), random(100, 3));

        assertThatThrownBy(() -> uploads.reportPart(admin, session.id(), 1, "\"0123456789abcdef0123456789abcdef\""))
                .isInstanceOfSatisfying(UserException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.BAD_PART_REPORT));
        assertThatThrownBy(() -> uploads.reportPart(admin, session.id(), 1, null))
                .isInstanceOf(UserException.class);
    }

    @Test
    void aRequestedPartSizeBelowS3sMinimumIsRaised() {
        UploadSession tiny = uploads.open(admin, new Target.InFolder(project.rootFolderId(), "t.bam"), 7L * MIB, 1L * MIB,
                false, null, null, null).session();
        UploadSession whole = uploads.open(admin, new Target.InFolder(project.rootFolderId(), "w.bam"), 100, 1000L,
                false, null, null, null).session();

        assertThat(tiny.partSize()).isGreaterThanOrEqualTo(5L * MIB);
        assertThat(whole.partSize()).isEqualTo(1000);
    }

    @Test
    void v1SinglePutThenConfirmWithChecksums() throws Exception {
        byte[] content = "##fileformat=VCFv4.3\n".repeat(500).getBytes();
        UploadTicket ticket = uploads.open(admin, new Target.KeyInWorkspace(project.id(), FileKey.parse("raw/x.vcf")),
                content.length, null, false, "text/x-vcf", null, null);
        assertThat(ticket.partUrls()).hasSize(1);

        HttpResponse<byte[]> put = PresignedHttp.put(ticket.partUrls().get(0).url(), content,
                Map.of("Content-Type", ticket.session().contentType()));
        Node file = uploads.complete(admin, ticket.session().id(), new Claims((long) content.length,
                Map.of(1, PresignedHttp.etag(put)), checksumsOf(content).md5(), checksumsOf(content).sha256()));

        assertThat(put.statusCode()).isEqualTo(200);
        assertThat(file.key()).isEqualTo("raw/x.vcf");
        assertThat(file.contentType()).isEqualTo("text/x-vcf");
        assertThat(file.checksums()).isEqualTo(checksumsOf(content));
    }

    @Test
    void aWrongChecksumClaimPublishesNothingAndDropsTheBytes() throws Exception {
        byte[] content = random(1000, 4);
        UploadTicket ticket = uploads.open(admin, new Target.KeyInWorkspace(project.id(), FileKey.parse("bad.bin")),
                content.length, null, false, null, null, null);
        PresignedHttp.put(ticket.partUrls().get(0).url(), content);

        assertThatThrownBy(() -> uploads.complete(admin, ticket.session().id(),
                new Claims(null, Map.of(), null, "0".repeat(64))))
                .isInstanceOfSatisfying(UserException.class,
                        e -> assertThat(e.problem()).isEqualTo(Problem.CHECKSUM_MISMATCH));

        assertThat(blobs.blobIds()).isEmpty();
        assertThat(blobs.stagedUploadIds()).isEmpty();
        assertThatThrownBy(() -> files.fileByKey(admin, project.id(), FileKey.parse("bad.bin")))
                .isInstanceOf(UserException.class);
    }

    @Test
    void aFormUploadStreamsThroughTheServerAndKeepsItsStreamedChecksums() throws Exception {
        byte[] content = random(6 * MIB + 3, 5);

        Staged staged = uploads.stage(admin, project.id(), trickle(content), -1);
        Node file = uploads.publishStaged(admin, new Target.KeyInWorkspace(project.id(), FileKey.parse("f/form.bin")),
                false, null, null, staged);

        assertThat(file.checksums()).isEqualTo(checksumsOf(content));
        assertThat(file.blobId()).isEqualTo(staged.uploadId());
        assertThat(download(file)).isEqualTo(content);
    }

    @Test
    void abortingDropsTheMultipartUpload() throws Exception {
        UploadSession session = uploads.open(admin, new Target.InFolder(project.rootFolderId(), "a.bam"), 10, 10L,
                false, null, null, null).session();
        PresignedHttp.put(uploads.presignPart(admin, session.id(), 1).url(), new byte[10]);
        assertThat(blobs.stagedUploadIds()).containsExactly(session.id());

        uploads.abort(admin, session.id());

        assertThat(blobs.stagedUploadIds()).isEmpty();
    }

    @Test
    void anUploadRefusedAtOpenLeavesNoMultipartUploadBehind() throws Exception {
        publish("same.bam", new byte[3]);
        uploads.open(admin, new Target.InFolder(project.rootFolderId(), "other.bam"), 10, 10L, false, null, null, null);
        List<String> before = blobs.stagedUploadIds().toList();

        assertThatThrownBy(() -> uploads.open(admin, new Target.InFolder(project.rootFolderId(), "same.bam"), 10, 10L,
                false, null, null, null)).isInstanceOfSatisfying(UserException.class,
                e -> assertThat(e.problem()).isEqualTo(Problem.NAME_EXISTS));
        assertThatThrownBy(() -> uploads.open(admin, new Target.KeyInWorkspace("ws_nosuchworkspace",
                FileKey.parse("x.bam")), 10, null, false, null, null, null)).isInstanceOf(UserException.class);

        assertThat(before).hasSize(1);
        assertThat(blobs.stagedUploadIds()).containsExactlyElementsOf(before);
    }

    @Test
    void theCollectorExpiresStaleUploadsAndDeletesUnreferencedBlobs() throws Exception {
        UploadSession stale = uploads.open(admin, new Target.InFolder(project.rootFolderId(), "stale.bam"), 10, 10L,
                false, null, null, null).session();
        Node file = publish("gone.bin", random(100, 6));
        String orphan = "up_orphanfromacrash";
        blobs.beginUpload(orphan);
        files.deleteByKey(admin, project.id(), FileKey.parse("gone.bin"));
        Collector collector = new Collector(metadata, blobs, uploads, clock);

        now.set(now.get().plus(Duration.ofHours(25)));
        Collector.Report report = collector.collect();

        assertThat(report.expiredUploads()).isEqualTo(1);
        assertThat(report.deletedBlobs()).isEqualTo(1);
        assertThat(report.orphanStagings()).isEqualTo(1);
        assertThat(blobs.blobIds()).doesNotContain(file.blobId());
        assertThat(blobs.stagedUploadIds()).doesNotContain(stale.id(), orphan);
    }

    /**
     * With nothing changed, a pass neither lists the bucket nor reads the database once per blob;
     * after files are deleted it looks at those blobs only. Its cost follows what changed, not how
     * many blobs exist.
     */
    @Test
    void aCollectorPassCostsWhatChangedNotWhatExists() throws Exception {
        List<Node> published = new java.util.ArrayList<>();
        for (int i = 0; i < 12; i++) {
            published.add(publish("f" + i + ".bin", random(100 + i, 40 + i)));
        }
        CountingStores.Metadata db = new CountingStores.Metadata(metadata);
        CountingStores.Blobs bucket = new CountingStores.Blobs(blobs);
        Collector collector = new Collector(db, bucket, uploads, clock);
        assertThat(collector.collect().swept()).as("the first pass ever sweeps the whole store").isTrue();

        db.transactions.set(0);
        bucket.blobListings.set(0);
        Collector.Report idle = collector.collect();

        assertThat(idle).isEqualTo(new Collector.Report(0, 0, 0, 0, 0, 0, false));
        assertThat(bucket.blobListings).as("bucket listings in a pass with nothing to do").hasValue(0);
        // A fixed number whatever the store holds: the sweep claim, the noted blobs, the expired trash
        // items (one index probe) and the finished uploads past their retention (one index probe).
        assertThat(db.transactions.get()).as("transactions in a pass with nothing to do").isLessThanOrEqualTo(4);

        for (Node gone : published.subList(0, 3)) {
            files.deleteByKey(admin, project.id(), FileKey.parse(gone.key()));
        }
        db.transactions.set(0);
        Collector.Report after = collector.collect();

        assertThat(after.deletedBlobs()).isEqualTo(3);
        assertThat(bucket.blobListings).hasValue(0);
        assertThat(bucket.deletions).hasValue(3);
        assertThat(db.transactions.get()).as("transactions to reclaim 3 blobs of 12").isLessThanOrEqualTo(6);
        assertThat(blobs.blobIds()).containsExactlyInAnyOrderElementsOf(
                published.subList(3, 12).stream().map(Node::blobId).toList());
    }

    /**
     * Bytes assembled for an upload that then ended unpublished, by a replica that crashed before it
     * could drop them, are reclaimed by the next pass without a sweep: the session's end noted them.
     */
    @Test
    void theBlobOfAnUploadThatEndedMidCompletionIsReclaimedWithoutASweep() throws Exception {
        Collector collector = new Collector(metadata, blobs, uploads, clock);
        byte[] content = random(1000, 50);
        UploadTicket ticket = uploads.open(admin, new Target.KeyInWorkspace(project.id(), FileKey.parse("cut.bin")),
                content.length, null, false, null, null, null);
        PresignedHttp.put(ticket.partUrls().get(0).url(), content);
        UploadSession session = ticket.session();
        // A completion cut off between assembly and publishing: the object exists, no row does.
        List<UploadPart> parts = blobs.directParts(session);
        metadata.write(tx -> tx.uploads().transition(session.id(), UploadState.OPEN, UploadState.COMPLETING,
                session.id(), null));
        blobs.assemble(session.id(), session.id(), parts, clock.now());
        Collector.Report whileCompleting = collector.collect();
        assertThat(whileCompleting.swept()).as("the first pass ever sweeps").isTrue();
        assertThat(whileCompleting.orphanBlobs()).as("a blob being completed is not an orphan").isZero();
        assertThat(blobs.blobIds()).contains(session.id());

        metadata.write(tx -> tx.uploads().transition(session.id(), UploadState.COMPLETING, UploadState.EXPIRED,
                null, null));
        Collector.Report report = collector.collect();

        assertThat(report.swept()).isFalse();
        assertThat(report.orphanBlobs()).isEqualTo(1);
        assertThat(blobs.blobIds()).doesNotContain(session.id());
    }

    /** A copy keeps the blob when the original is deleted. */
    @Test
    void aBlobAnotherFileStillPointsToIsKept() throws Exception {
        Node original = publish("original.bin", random(500, 51));
        new NamespaceService(metadata, files, clock, new RandomIds(), TrashRetention.off(), audit).copy(admin, original.id(),
                new Container.Folder(project.rootFolderId()), "copy.bin");
        files.deleteByKey(admin, project.id(), FileKey.parse("original.bin"));

        Collector.Report report = new Collector(metadata, blobs, uploads, clock).collect();

        assertThat(report.deletedBlobs()).isZero();
        assertThat(blobs.blobIds()).contains(original.blobId());
    }

    /**
     * Bytes no row, note or upload knows of (an earlier version's crash) are left by ordinary passes
     * and found by the sweep, which one replica does once a day or an operator asks for.
     */
    @Test
    void bytesNothingKnowsOfAreFoundByTheSweep() throws Exception {
        Collector replicaA = new Collector(metadata, blobs, uploads, clock);
        Collector replicaB = new Collector(metadata, blobs, uploads, clock);
        assertThat(replicaA.collect().swept()).isTrue();
        assertThat(replicaB.collect().swept()).as("the other replica, in the same day").isFalse();
        String stray = "up_strayfromanoldcrash";
        String s3UploadId = blobs.beginUpload(stray);
        UploadPart part = blobs.writePart(stray, 1, new java.io.ByteArrayInputStream(random(10, 52)), 100, true);
        blobs.assemble(stray, stray, List.of(part), clock.now());
        assertThat(s3UploadId).isNotNull();

        assertThat(replicaA.collect().orphanBlobs()).isZero();
        assertThat(blobs.blobIds()).contains(stray);

        Collector.Report swept = replicaB.collectAndSweep();
        assertThat(swept.orphanBlobs()).isEqualTo(1);
        assertThat(blobs.blobIds()).doesNotContain(stray);
        now.set(now.get().plus(Collector.SWEEP_INTERVAL).plusSeconds(1));
        assertThat(replicaA.collect().swept()).as("a day later").isTrue();
    }

    private Node publish(String key, byte[] content) throws Exception {
        UploadTicket ticket = uploads.open(admin, new Target.KeyInWorkspace(project.id(), FileKey.parse(key)),
                content.length, null, false, null, null, null);
        PresignedHttp.put(ticket.partUrls().get(0).url(), content);
        return uploads.complete(admin, ticket.session().id(), Claims.NONE);
    }

    /** What the server's download URL redirects to: the file's blob, presigned at S3. */
    private byte[] download(Node file) throws Exception {
        String blobId = files.blobForDownload(files.fileByKey(admin, project.id(), FileKey.parse(file.key())).id());
        String url = files.storeUrl(blobId, file.name()).orElseThrow().url();
        HttpResponse<byte[]> response = PresignedHttp.get(url, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }
}
