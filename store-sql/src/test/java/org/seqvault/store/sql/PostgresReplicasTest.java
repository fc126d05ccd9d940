package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Node;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Project;
import org.seqvault.domain.Quota;
import org.seqvault.domain.UploadPart;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UploadState;
import org.seqvault.domain.User;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.domain.UserException;
import org.seqvault.service.auth.IdentityService;
import org.seqvault.service.port.BlobRepository;
import org.seqvault.service.port.Clock;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.project.Quotas;
import org.seqvault.service.support.RandomIds;

/**
 * Several replicas on one PostgreSQL database, each with its own store and pool, racing for the
 * same rows: what SQLite's single writer hides must still come out right.
 */
@Timeout(120)
class PostgresReplicasTest {
    private static final int THREADS = 8;

    private TestDatabase.Location db;
    private SqlMetadataStore replicaA;
    private SqlMetadataStore replicaB;
    private ExecutorService pool;
    private Node root;
    private User alice;
    private Project project;

    @BeforeEach
    void twoReplicasOnOneDatabase() {
        db = TestDatabase.POSTGRESQL.create(null);
        replicaA = db.open();
        replicaB = db.open();
        pool = Executors.newFixedThreadPool(THREADS);
        alice = TestData.user("alice");
        project = TestData.project(alice, "shared", false);
        root = TestData.root(project);
        replicaA.write(tx -> {
            tx.users().insert(alice);
            tx.projects().insert(project);
            tx.nodes().insert(root);
            tx.projects().putMember(project.id(), alice.id(), Permissions.ALL);
            return null;
        });
    }

    @AfterEach
    void close() {
        pool.shutdownNow();
        replicaA.close();
        replicaB.close();
    }

    @Test
    void replicasMigratingAtOnceMigrateOnce() throws Exception {
        TestDatabase.Location empty = TestDatabase.POSTGRESQL.create(null);
        List<SqlMetadataStore> opened = race(i -> empty::open);
        opened.forEach(SqlMetadataStore::close);
        try (Connection c = DriverManager.getConnection(empty.jdbcUrl(), empty.user(), empty.password());
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version, COUNT(*), bool_and(success) FROM flyway_schema_history"
                     // In the order applied: versions are text, so "10" would sort before "2".
                     + " WHERE version IS NOT NULL GROUP BY version ORDER BY MIN(installed_rank)")) {
            List<String> versions = new ArrayList<>();
            while (rs.next()) {
                assertThat(rs.getInt(2)).as("times version %s was applied", rs.getString(1)).isEqualTo(1);
                assertThat(rs.getBoolean(3)).isTrue();
                versions.add(rs.getString(1));
            }
            assertThat(versions).startsWith("1", "2", "3");
        }
    }

    @Test
    void replicasBootstrappingAnEmptyDatabaseAtOnceCreateOneAdmin() throws Exception {
        TestDatabase.Location empty = TestDatabase.POSTGRESQL.create(null);
        try (SqlMetadataStore first = empty.open(); SqlMetadataStore second = empty.open()) {
            List<Boolean> created = race(i -> () -> {
                SqlMetadataStore store = i % 2 == 0 ? first : second;
                RandomIds ids = new RandomIds();
                return new IdentityService(store, Clock.system(), ids, new AuditTrail(store, Clock.system(), ids))
                        .bootstrap("svt_bootstrap-token-0123456789abcdef").isPresent();
            });
            assertThat(created).containsOnlyOnce(true);
            long users = first.read(tx -> tx.users().count());
            assertThat(users).isEqualTo(1);
        }
    }

    @Test
    void racingInsertsOfOneNameLeaveOneWinner() throws Exception {
        List<Boolean> inserted = race(i -> () -> replica(i).write(tx -> tx.nodes().insert(TestData.file(root, "same.vcf"))));
        assertThat(inserted).containsOnlyOnce(true);
        Optional<Node> winner = replicaB.read(tx -> tx.nodes().child(root.id(), "same.vcf"));
        assertThat(winner).isPresent();
    }

    @Test
    void racingStateChangesHaveOneWinner() throws Exception {
        UploadSession upload = TestData.upload(alice, project, TestData.T0, TestData.T0.plusSeconds(3600));
        replicaA.write(tx -> {
            tx.uploads().insert(upload);
            return null;
        });
        List<Boolean> moved = race(i -> () -> replica(i).write(tx ->
                tx.uploads().transition(upload.id(), UploadState.OPEN, UploadState.COMPLETING, "blob-" + i, null)));
        assertThat(moved).containsOnlyOnce(true);
    }

    @Test
    void racingSweepClaimsHaveOneWinner() throws Exception {
        List<Boolean> claimed = race(i -> () -> replica(i).write(tx ->
                tx.blobs().claimSweep(TestData.T0, TestData.T0.minusSeconds(3600))));
        assertThat(claimed).containsOnlyOnce(true);
    }

    /** Collectors on every replica releasing the same notes at once: each row is deleted once, a used blob never. */
    @Test
    void racingReleasesOfTheSameNotesDeleteEachRowOnceAndNoUsedOne() throws Exception {
        List<String> unused = new ArrayList<>();
        Blob used = TestData.blob(TestData.T0);
        replicaA.write(tx -> {
            for (int i = 0; i < 20; i++) {
                Blob blob = TestData.blob(TestData.T0);
                tx.blobs().insert(blob);
                tx.blobs().noteReclaimable(blob.id());
                unused.add(blob.id());
            }
            tx.blobs().insert(used);
            tx.nodes().insert(TestData.fileWithBlob(root, "used.vcf", used.id()));
            tx.blobs().noteReclaimable(used.id());
            return null;
        });

        List<List<BlobRepository.Released>> released = race(i -> () -> replica(i).write(tx ->
                tx.blobs().releaseUnreferenced(tx.blobs().reclaimable(null, 100))));

        List<String> deletedRows = released.stream().flatMap(List::stream)
                .filter(BlobRepository.Released::hadRow).map(BlobRepository.Released::id).toList();
        assertThat(deletedRows).containsExactlyInAnyOrderElementsOf(unused);
        assertThat(released.stream().flatMap(List::stream).map(BlobRepository.Released::id)).doesNotContain(used.id());
        boolean usedKept = replicaB.read(tx -> tx.blobs().exists(used.id()));
        assertThat(usedKept).isTrue();
    }

    /**
     * Each part is reported twice at once, through A and through B: the later report must see the
     * earlier one's bytes (to drop them), so exactly one of the two returns the other's locator.
     */
    @Test
    void partsReportedThroughBothReplicasAtOnceReplaceEachOtherCleanly() throws Exception {
        UploadSession upload = TestData.upload(alice, project, TestData.T0, TestData.T0.plusSeconds(3600));
        replicaA.write(tx -> {
            tx.uploads().insert(upload);
            return null;
        });
        int parts = upload.partCount();
        List<Optional<String>> replaced = race(i -> () -> {
            UploadPart part = TestData.part(upload.id(), 1 + i / 2 % parts, "loc-" + i);
            return replica(i).write(tx -> tx.uploads().putPart(part));
        });
        Map<Integer, List<String>> locatorsByPart = new TreeMap<>();
        for (int i = 0; i < THREADS; i++) {
            locatorsByPart.computeIfAbsent(1 + i / 2 % parts, p -> new ArrayList<>()).add("loc-" + i);
        }
        List<UploadPart> stored = replicaB.read(tx -> tx.uploads().parts(upload.id()));
        for (UploadPart part : stored) {
            List<String> reports = locatorsByPart.get(part.partNumber());
            List<String> dropped = replaced.stream().flatMap(Optional::stream).filter(reports::contains).toList();
            assertThat(reports).contains(part.locator());
            assertThat(dropped).as("part %d", part.partNumber())
                    .hasSize(reports.size() - 1)
                    .doesNotContain(part.locator())
                    .doesNotHaveDuplicates();
        }
        assertThat(stored).extracting(UploadPart::partNumber).containsExactlyElementsOf(locatorsByPart.keySet());
    }

    @Test
    void rateLimitIncrementsFromBothReplicasAddUpExactly() throws Exception {
        SqlRateLimitStore a = new SqlRateLimitStore(replicaA);
        SqlRateLimitStore b = new SqlRateLimitStore(replicaB);
        int perThread = 50;
        List<List<Long>> counts = race(i -> () -> {
            List<Long> seen = new ArrayList<>();
            for (int n = 0; n < perThread; n++) {
                seen.add((i % 2 == 0 ? a : b).add("tok_shared", 1_000_200, 1));
            }
            return seen;
        });
        List<Long> all = counts.stream().flatMap(List::stream).sorted().toList();
        assertThat(all).hasSize(THREADS * perThread).doesNotHaveDuplicates();
        assertThat(all.getLast()).isEqualTo(THREADS * perThread);
    }

    /**
     * Eight uploads starting on two replicas race for a project's last bytes: room for five and
     * one byte short of a sixth. The storage lock orders them across replicas, so exactly five
     * reserve their room and the others are refused.
     */
    @Test
    void racingUploadsOnTwoReplicasReserveExactlyTheRoomThereIs() throws Exception {
        replicaA.write(tx -> {
            tx.storage().setQuota(project.id(), new Quota(5 * 1000L + 999, null));
            return null;
        });
        List<Boolean> reserved = race(i -> () -> {
            try {
                return replica(i).write(tx -> {
                    Quotas.requireRoom(tx, project.id(), project.ref(), 1000, null);
                    UploadSession s = TestData.upload(alice, project, TestData.T0, TestData.T0.plusSeconds(3600));
                    tx.uploads().insert(new UploadSession(s.id(), s.userId(), s.projectId(), s.parentId(),
                            s.folderPath(), "racer-" + i, 1000, 1000, 1, false, UploadState.OPEN, s.contentType(),
                            null, null, null, null, null, s.createdAt(), s.expiresAt()));
                    return true;
                });
            } catch (UserException e) {
                assertThat(e.problem()).isEqualTo(Problem.QUOTA_EXCEEDED);
                return false;
            }
        });
        assertThat(reserved.stream().filter(r -> r).count()).isEqualTo(5);
        long reservedBytes = replicaB.read(tx -> tx.storage().of(project.id()).usage().reservedBytes());
        assertThat(reservedBytes).isEqualTo(5000L);
    }

    private MetadataStore replica(int i) {
        return i % 2 == 0 ? replicaA : replicaB;
    }

    /** Runs one task per thread, all released at once, and returns their results in thread order. */
    private <T> List<T> race(IntFunction<Callable<T>> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            Callable<T> work = task.apply(i);
            futures.add(pool.submit(() -> {
                start.await();
                return work.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }
}
