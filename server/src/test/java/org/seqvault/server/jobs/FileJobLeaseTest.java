package org.seqvault.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Checksums;
import org.seqvault.domain.FileJob;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeType;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Problem;
import org.seqvault.domain.Project;
import org.seqvault.domain.Scope;
import org.seqvault.domain.Scopes;
import org.seqvault.domain.UserException;
import org.seqvault.domain.Username;
import org.seqvault.service.audit.AuditTrail;
import org.seqvault.service.auth.IdentityService;
import org.seqvault.service.auth.Principal;
import org.seqvault.service.file.FileJobRunner;
import org.seqvault.service.file.FileJobService;
import org.seqvault.service.file.FileJobService.ItemRequest;
import org.seqvault.service.file.TrashRetention;
import org.seqvault.service.port.Clock;
import org.seqvault.service.project.ProjectService;
import org.seqvault.service.support.RandomIds;
import org.seqvault.store.sql.SqlMetadataStore;
import org.seqvault.testkit.stores.TestPostgres;

/**
 * Two job runners over one database (PostgreSQL, as two replicas share it; and SQLite, as a server
 * restarted on its data finds it), each with its own connections: a job is run by one runner at a time;
 * a runner whose lease ran out and was taken cannot commit another step, and the runner that took it goes
 * on exactly where the last committed step left off, so every node is copied once. The runners are driven
 * step by step on a clock the test moves, so the hand-over happens exactly where the test says.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"postgresql", "sqlite"})
class FileJobLeaseTest {
    private static final String ADMIN_SECRET = "svt_lease-test-admin-token-0123456789abcdefghij";
    private static final Duration LEASE = Duration.ofSeconds(15);
    private static final int BATCH = 10;

    @Parameter
    String database;
    @TempDir
    Path dir;

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-03-01T10:00:00Z"));
    private final Clock clock = now::get;
    private final RandomIds ids = new RandomIds();
    private SqlMetadataStore storeA;
    private SqlMetadataStore storeB;
    private FileJobService jobs;
    private FileJobRunner runnerA;
    private FileJobRunner runnerB;
    private ProjectService projects;
    private Principal lena;
    private Principal max;
    private Project source;
    private Project target;
    private Node tree;
    private long treeNodes;

    @BeforeEach
    void twoReplicasOfOneDatabase() {
        if (database.equals("postgresql")) {
            TestPostgres.Database db = TestPostgres.newDatabase();
            storeA = SqlMetadataStore.open(db.jdbcUrl(), db.user(), db.password());
            storeB = SqlMetadataStore.open(db.jdbcUrl(), db.user(), db.password());
        } else {
            String url = "jdbc:sqlite:" + dir.resolve("seqvault.db");
            storeA = SqlMetadataStore.open(url, null, null);
            storeB = SqlMetadataStore.open(url, null, null);
        }
        AuditTrail auditA = new AuditTrail(storeA, clock, ids);
        IdentityService identity = new IdentityService(storeA, clock, ids, auditA);
        identity.bootstrap(ADMIN_SECRET);
        Principal admin = identity.authenticate(ADMIN_SECRET);
        lena = user(identity, admin, "lena");
        max = user(identity, admin, "max");
        projects = new ProjectService(storeA, clock, ids, auditA);
        source = projects.create(lena, "Source", null, false);
        target = projects.create(max, "Target", null, false);
        projects.putMember(max, target.ref(), new Username("lena"), new Permissions(true, true, false, false, false), true);
        tree = buildTree();
        jobs = new FileJobService(storeA, clock, ids, auditA, () -> { });
        runnerA = new FileJobRunner(storeA, clock, ids, TrashRetention.off(), auditA, BATCH, LEASE);
        runnerB = new FileJobRunner(storeB, clock, ids, TrashRetention.off(), new AuditTrail(storeB, clock, ids), BATCH,
                LEASE);
    }

    @AfterEach
    void close() {
        storeA.close();
        storeB.close();
    }

    @Test
    void aRunnerThatLostItsLeaseCannotCommitAndTheNextGoesOnWhereItLeftOff() {
        String id = submitCopy();
        assertThat(runnerA.claim(id)).isTrue();
        assertThat(runnerB.claim(id)).as("held by A").isFalse();
        for (int i = 0; i < 4; i++) {
            assertThat(runnerA.step(id)).isTrue(); // resolving, running, the root, a first batch of the tree
        }
        FileJob before = job(id);
        assertThat(before.state()).isEqualTo(FileJob.State.RUNNING);
        assertThat(before.completedFiles()).isEqualTo(1 + BATCH);

        now.set(now.get().plus(LEASE).plusSeconds(1));
        assertThat(runnerB.claim(id)).as("A's lease ran out").isTrue();
        assertThatThrownBy(() -> runnerA.step(id)).isInstanceOf(FileJobRunner.LeaseLost.class);
        assertThat(job(id)).as("A's step was not committed").isEqualTo(before);

        while (runnerB.step(id)) {
            assertThat(runnerA.claim(id)).as("B renews its lease with every step").isFalse();
        }
        FileJob done = job(id);
        assertThat(done.state()).isEqualTo(FileJob.State.FINISHED);
        assertThat(done.totalFiles()).isEqualTo(treeNodes);
        assertThat(done.completedFiles()).isEqualTo(treeNodes);
        assertThat(done.failedFiles()).isZero();
        assertThat(copyOf(id)).as("every node copied once").isEqualTo(treeNodes);
        assertThat(keysBelow(copyRoot(id))).isEqualTo(keysBelow(tree));
        assertThat(runnerA.claim(id)).as("a finished job is nobody's").isFalse();

        now.set(now.get().plus(Duration.ofDays(7)));
        assertThat(runnerA.prune(Duration.ofDays(7))).as("finished just 7 days ago").isZero();
        now.set(now.get().plusSeconds(1));
        assertThat(runnerB.prune(Duration.ofDays(7))).isEqualTo(1);
        assertThatThrownBy(() -> job(id)).isInstanceOf(UserException.class).hasMessageContaining("not found");
    }

    @Test
    void runnersRacingForJobsRunEachOnce() throws Exception {
        List<String> submitted = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            submitted.add(submitCopy());
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> ran = new ArrayList<>();
            for (FileJobRunner runner : List.of(runnerA, runnerB)) {
                ran.add(pool.submit(() -> {
                    int n = 0;
                    for (int round = 0; round < 50 && !allFinished(submitted); round++) {
                        n += runner.runAvailable();
                    }
                    return n;
                }));
            }
            assertThat(ran.get(0).get() + ran.get(1).get()).as("each job run to its end once").isEqualTo(4);
        } finally {
            pool.shutdownNow();
        }
        List<String> names = new ArrayList<>();
        for (String id : submitted) {
            FileJob done = job(id);
            assertThat(done.completedFiles()).isEqualTo(treeNodes);
            assertThat(copyOf(id)).isEqualTo(treeNodes);
            names.add(jobs.get(lena, FileJob.Type.COPY, id).result().getFirst().file().node().name());
        }
        assertThat(names).containsExactlyInAnyOrder("tree", "_1_tree", "_2_tree", "_3_tree");
    }

    @Test
    void writeTakenAwayInsideATreeFailsTheItemAndKeepsWhatWasCopied() {
        String id = submitCopy();
        assertThat(runnerA.claim(id)).isTrue();
        for (int i = 0; i < 5; i++) {
            runnerA.step(id);
        }
        projects.putMember(max, target.ref(), new Username("lena"), new Permissions(true, false, false, false, false),
                false);
        while (runnerA.step(id)) {
            // to the end
        }
        FileJob done = job(id);
        assertThat(done.state()).isEqualTo(FileJob.State.FINISHED);
        assertThat(done.completedFiles()).isEqualTo(1 + 2 * BATCH);
        assertThat(done.failedFiles()).isEqualTo(treeNodes - done.completedFiles());
        FileJobService.Outcome outcome = jobs.get(lena, FileJob.Type.COPY, id).result().getFirst();
        assertThat(outcome.error().problem()).isEqualTo(Problem.FORBIDDEN);
        long kept = storeA.read(tx -> tx.jobs().subtree(tx.nodes().child(target.rootFolderId(), "tree").orElseThrow())
                .nodes());
        assertThat(kept).as("what was copied stays").isEqualTo(done.completedFiles());
    }

    // ---- helpers ------------------------------------------------------------------------------

    private String submitCopy() {
        return jobs.submit(lena, FileJob.Type.COPY, List.of(new ItemRequest(tree.id(), null, target.ref().id(), null)))
                .job().id();
    }

    private FileJob job(String id) {
        return jobs.get(lena, FileJob.Type.COPY, id).job();
    }

    private boolean allFinished(List<String> ids) {
        return ids.stream().allMatch(id -> job(id).finished());
    }

    private String copyRoot(String id) {
        return storeA.read(tx -> tx.jobs().items(id).getFirst().resultId());
    }

    private long copyOf(String id) {
        String root = copyRoot(id);
        return storeA.read(tx -> tx.jobs().subtree(tx.nodes().byId(root).orElseThrow()).nodes());
    }

    private List<String> keysBelow(Node folder) {
        return storeA.read(tx -> tx.nodes().filesByKeyPrefix(folder.projectId(), folder.key(), null, 10_000).stream()
                .map(n -> n.key().substring(folder.key().length())).toList());
    }

    private List<String> keysBelow(String folderId) {
        Node folder = storeA.read(tx -> tx.nodes().byId(folderId).orElseThrow());
        return keysBelow(folder);
    }

    private Principal user(IdentityService identity, Principal admin, String name) {
        identity.createUser(admin, new Username(name), null, null, null);
        return identity.authenticate(identity.issueFor(admin, new Username(name), Scopes.of(Scope.FILES, Scope.PROJECTS),
                null, null).secret());
    }

    /** A tree of depth 3 in the source project: 3 folders of 4 folders of 5 files, and a file in each top folder. */
    private Node buildTree() {
        Instant at = clock.now();
        return storeA.write(tx -> {
            Blob blob = new Blob(ids.objectId(), 10, new Checksums("0".repeat(32), "0".repeat(64)), 1, at);
            tx.blobs().insert(blob);
            Node root = tx.nodes().byId(source.rootFolderId()).orElseThrow();
            Node top = folder(root, "tree", at);
            tx.nodes().insert(top);
            long n = 1;
            for (int a = 0; a < 3; a++) {
                Node fa = folder(top, "a" + a, at);
                tx.nodes().insert(fa);
                tx.nodes().insert(file(fa, "readme.txt", blob, at));
                n += 2;
                for (int b = 0; b < 4; b++) {
                    Node fb = folder(fa, "b" + b, at);
                    tx.nodes().insert(fb);
                    n++;
                    for (int f = 0; f < 5; f++) {
                        tx.nodes().insert(file(fb, "r" + f + ".fq", blob, at));
                        n++;
                    }
                }
            }
            treeNodes = n;
            return top;
        });
    }

    private Node folder(Node parent, String name, Instant at) {
        return new Node(ids.objectId(), parent.projectId(), parent.id(), name, NodeType.FOLDER, parent.key() + name + "/",
                null, 0, null, null, null, null, null, null, at, at);
    }

    private Node file(Node parent, String name, Blob blob, Instant at) {
        return new Node(ids.objectId(), parent.projectId(), parent.id(), name, NodeType.FILE, parent.key() + name,
                blob.id(), blob.size(), blob.checksums(), null, null, null, null, null, at, at);
    }
}
