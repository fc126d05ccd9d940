package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seqvault.store.sql.TestData.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.seqvault.domain.AuditRecord;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Member;
import org.seqvault.domain.Metadata;
import org.seqvault.domain.Node;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectDetails;
import org.seqvault.domain.ProjectRef;
import org.seqvault.domain.Scope;
import org.seqvault.domain.Scopes;
import org.seqvault.domain.Tags;
import org.seqvault.domain.Token;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UploadState;
import org.seqvault.domain.User;
import org.seqvault.domain.Username;
import org.seqvault.service.port.AuditRepository;
import org.seqvault.service.port.BlobRepository;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.TokenRepository;
import org.seqvault.service.port.MetadataStore.Tx;
import org.seqvault.service.port.NodeQuery;
import org.seqvault.service.port.NodeRepository;
import org.seqvault.service.port.NodeRepository.NodeCursor;
import org.seqvault.service.port.ProjectFilter;
import org.seqvault.service.scrub.ScrubSummary;

/**
 * What every MetadataStore must do, whatever the database. Subclasses supply a fresh, empty
 * store per test.
 */
abstract class MetadataStoreContractTest {
    private MetadataStore store;
    private User alice;
    private Project project;
    private Node root;

    protected abstract MetadataStore newStore();

    @BeforeEach
    void openStoreWithOneProject() {
        store = newStore();
        alice = TestData.user("alice");
        project = TestData.project(alice, "genomes", false);
        root = TestData.root(project);
        run(tx -> {
            assertThat(tx.users().insert(alice)).isTrue();
            createProject(tx, project, alice);
        });
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    // ---- users ----

    @Test
    void userRoundTripsAndATakenUsernameIsRefused() {
        User bob = TestData.user("bob");
        User otherAlice = TestData.user("alice");
        run(tx -> {
            assertThat(tx.users().insert(bob)).isTrue();
            assertThat(tx.users().insert(otherAlice)).isFalse();
        });
        read(tx -> {
            assertThat(tx.users().byId(bob.id())).contains(bob);
            assertThat(tx.users().byUsername(new Username("alice"))).contains(alice);
            assertThat(tx.users().byId(otherAlice.id())).isEmpty();
            assertThat(tx.users().byUsername(new Username("carol"))).isEmpty();
            assertThat(tx.users().list()).containsExactly(alice, bob);
            assertThat(tx.users().count()).isEqualTo(2);
            return null;
        });
    }

    // ---- tokens ----

    @Test
    void tokenIsFoundBySecretHashAndIdWithItsScopes() {
        Token token = new Token("tok_1", alice.id(), "hash-1", Scopes.of(Scope.FILES, Scope.PROJECTS), "laptop",
                T0, T0.plusSeconds(3600), null);
        run(tx -> tx.tokens().insert(token));
        read(tx -> {
            assertThat(tx.tokens().bySecretHash("hash-1")).contains(token);
            assertThat(tx.tokens().byId("tok_1")).contains(token);
            assertThat(tx.tokens().bySecretHash("hash-2")).isEmpty();
            return null;
        });
    }

    @Test
    void userTokensAreListedNewestFirstRevokedIncluded() {
        Token old = new Token("tok_old", alice.id(), "h-old", Scopes.all(), null, T0, null, null);
        Token recent = new Token("tok_new", alice.id(), "h-new", Scopes.of(Scope.ADMIN), null, T0.plusSeconds(60),
                null, null);
        run(tx -> {
            tx.tokens().insert(old);
            tx.tokens().insert(recent);
            tx.tokens().revoke("tok_old", T0.plusSeconds(5));
        });
        List<Token> tokens = read(tx -> tx.tokens().forUser(alice.id()));
        assertThat(tokens).extracting(Token::id).containsExactly("tok_new", "tok_old");
        assertThat(tokens.get(1).revokedAt()).isEqualTo(T0.plusSeconds(5));
        assertThat(read((Tx tx) -> tx.tokens().forUser("usr_nobody"))).isEmpty();
    }

    @Test
    void aTokenIsRevokedOnce() {
        run(tx -> tx.tokens().insert(new Token("tok_1", alice.id(), "h", Scopes.all(), null, T0, null, null)));
        Instant at = T0.plusSeconds(10);
        assertThat(write((Tx tx) -> tx.tokens().revoke("tok_1", at))).isTrue();
        assertThat(write((Tx tx) -> tx.tokens().revoke("tok_1", at.plusSeconds(1)))).isFalse();
        assertThat(write((Tx tx) -> tx.tokens().revoke("tok_missing", at))).isFalse();
        Token revoked = read(tx -> tx.tokens().byId("tok_1")).orElseThrow();
        assertThat(revoked.revokedAt()).isEqualTo(at);
        assertThat(revoked.usableAt(at)).isFalse();
    }

    // ---- projects and members ----

    @Test
    void projectIsFoundByIdAndRefAndItsSlugIsTaken() {
        read(tx -> {
            assertThat(tx.projects().byId(project.id())).contains(project);
            assertThat(tx.projects().byRef(project.ref())).contains(project);
            assertThat(tx.projects().byRef(new ProjectRef(alice.username(), "other"))).isEmpty();
            assertThat(tx.projects().slugTaken(alice.username(), "genomes")).isTrue();
            assertThat(tx.projects().slugTaken(alice.username(), "other")).isFalse();
            assertThat(tx.projects().slugTaken(new Username("bob"), "genomes")).isFalse();
            return null;
        });
    }

    @Test
    void projectInsertIsRefusedWhenSlugOrIdIsTaken() {
        Project sameSlug = TestData.project(alice, "genomes", true);
        Project sameId = new Project(project.id(), new ProjectRef(alice.username(), "fresh"), "x", "n", null,
                alice.id(), false, T0, T0);
        assertThat(write((Tx tx) -> tx.projects().insert(sameSlug))).isFalse();
        assertThat(write((Tx tx) -> tx.projects().insert(sameId))).isFalse();
        read(tx -> {
            assertThat(tx.projects().byId(sameSlug.id())).isEmpty();
            assertThat(tx.projects().byRef(new ProjectRef(alice.username(), "fresh"))).isEmpty();
            assertThat(tx.projects().byId(project.id())).contains(project);
            return null;
        });
    }

    @Test
    void projectUpdateWritesNameDescriptionPublicFlagAndModifiedAt() {
        Project changed = new Project(project.id(), new ProjectRef(alice.username(), "ignored"), "ignored-root",
                "Renamed", "new words", "ignored-creator", true, T0.plusSeconds(99), T0.plusSeconds(100));
        run(tx -> tx.projects().update(changed));
        Project stored = read(tx -> tx.projects().byId(project.id())).orElseThrow();
        assertThat(stored).isEqualTo(new Project(project.id(), project.ref(), project.rootFolderId(), "Renamed",
                "new words", project.createdBy(), true, project.createdAt(), T0.plusSeconds(100)));
    }

    @Test
    void projectFiltersNarrowTheReadableProjectsAndDetailsRoundTrip() {
        User bob = TestData.user("bob");
        Project bobPublic = TestData.project(bob, "atlas", true);
        Project bobPrivate = TestData.project(bob, "private", false);
        run(tx -> {
            tx.users().insert(bob);
            createProject(tx, bobPublic, bob);
            createProject(tx, bobPrivate, bob);
            tx.projects().putDetails(project.id(), new ProjectDetails(new Tags(List.of("rna", "2024")), "{\"a\":1}"));
            tx.projects().putDetails(bobPublic.id(), new ProjectDetails(new Tags(List.of("2024")), null));
            tx.projects().putDetails(bobPrivate.id(), new ProjectDetails(new Tags(List.of("rna", "2024")), null));
        });
        read(tx -> {
            ProjectFilter both = new ProjectFilter(null, null, List.of("2024", "rna"));
            assertThat(tx.projects().listReadable(alice.id(), both, 0, 10)).extracting(p -> p.ref().id())
                    .as("every tag must match, among what alice can read").containsExactly("alice/genomes");
            assertThat(tx.projects().countReadable(null, both)).isEqualTo(2);
            ProjectFilter ofBob = new ProjectFilter(bob.username(), null, List.of());
            assertThat(tx.projects().listReadable(alice.id(), ofBob, 0, 10)).extracting(p -> p.ref().id())
                    .containsExactly("bob/atlas");
            ProjectFilter named = new ProjectFilter(null, "Project atlas", List.of("2024"));
            assertThat(tx.projects().listReadable(null, named, 0, 10)).extracting(p -> p.ref().id())
                    .containsExactly("bob/atlas");
            assertThat(tx.projects().countReadable(null, new ProjectFilter(null, "project atlas", List.of())))
                    .as("names match exactly, case included").isZero();
            Map<String, ProjectDetails> details = tx.projects().details(List.of(project.id(), bobPublic.id(), "ws_none"));
            assertThat(details).containsOnlyKeys(project.id(), bobPublic.id());
            assertThat(details.get(project.id())).isEqualTo(new ProjectDetails(new Tags(List.of("rna", "2024")), "{\"a\":1}"));
            assertThat(details.get(bobPublic.id()).settingsJson()).isEqualTo("{}");
            return null;
        });
        run(tx -> tx.projects().putDetails(project.id(), new ProjectDetails(new Tags(List.of("2024", "dna")), "{}")));
        read(tx -> {
            assertThat(tx.projects().details(List.of(project.id())).get(project.id()).tags().values())
                    .as("replaced, in the new order").containsExactly("2024", "dna");
            assertThat(tx.projects().members(project.id(), 0, 10)).hasSize(1);
            assertThat(tx.projects().members(project.id(), 1, 10)).isEmpty();
            assertThat(tx.projects().countMembers(project.id())).isEqualTo(1);
            return null;
        });
    }

    @Test
    void readableProjectsAreMembershipsAndPublicOnesOrderedByOwnerAndSlug() {
        User bob = TestData.user("bob");
        User carol = TestData.user("carol");
        Project bobPrivate = TestData.project(bob, "private", false);
        Project bobPublic = TestData.project(bob, "atlas", true);
        Project bobShared = TestData.project(bob, "shared", false);
        run(tx -> {
            tx.users().insert(bob);
            tx.users().insert(carol);
            createProject(tx, bobPrivate, bob);
            createProject(tx, bobPublic, bob);
            createProject(tx, bobShared, bob);
            tx.projects().putMember(bobShared.id(), alice.id(), Permissions.READ_COPY);
        });
        read(tx -> {
            assertThat(tx.projects().listReadable(alice.id(), 0, 10)).extracting(p -> p.ref().id())
                    .containsExactly("alice/genomes", "bob/atlas", "bob/shared");
            assertThat(tx.projects().countReadable(alice.id())).isEqualTo(3);
            assertThat(tx.projects().listReadable(carol.id(), 0, 10)).extracting(p -> p.ref().id())
                    .containsExactly("bob/atlas");
            assertThat(tx.projects().countReadable(carol.id())).isEqualTo(1);
            assertThat(tx.projects().listReadable(null, 0, 10)).extracting(p -> p.ref().id())
                    .containsExactly("alice/genomes", "bob/atlas", "bob/private", "bob/shared");
            assertThat(tx.projects().countReadable(null)).isEqualTo(4);
            assertThat(tx.projects().listReadable(null, 1, 2)).extracting(p -> p.ref().id())
                    .containsExactly("bob/atlas", "bob/private");
            return null;
        });
    }

    @Test
    void readableProjectsArePagedAfterAProjectId() {
        User bob = TestData.user("bob");
        User carol = TestData.user("carol");
        Project bobPrivate = TestData.project(bob, "private", false);
        Project bobPublic = TestData.project(bob, "atlas", true);
        Project bobShared = TestData.project(bob, "shared", false);
        Project carolPublic = TestData.project(carol, "zoo", true);
        run(tx -> {
            tx.users().insert(bob);
            tx.users().insert(carol);
            createProject(tx, bobPrivate, bob);
            createProject(tx, bobPublic, bob);
            createProject(tx, bobShared, bob);
            createProject(tx, carolPublic, carol);
            tx.projects().putMember(bobShared.id(), alice.id(), Permissions.READ_COPY);
        });
        read(tx -> {
            assertThat(tx.projects().listReadableAfter(alice.id(), null, 2)).extracting(p -> p.ref().id())
                    .containsExactly("alice/genomes", "bob/atlas");
            // Public projects before the cursor stay behind it: the readable rule and the keyset both apply.
            assertThat(tx.projects().listReadableAfter(alice.id(), ProjectRef.parse("bob/atlas"), 2))
                    .extracting(p -> p.ref().id()).containsExactly("bob/shared", "carol/zoo");
            assertThat(tx.projects().listReadableAfter(alice.id(), ProjectRef.parse("carol/zoo"), 2)).isEmpty();
            // The cursor's project need not exist (it may have been deleted since).
            assertThat(tx.projects().listReadableAfter(alice.id(), ProjectRef.parse("bob/b"), 10))
                    .extracting(p -> p.ref().id()).containsExactly("bob/shared", "carol/zoo");
            assertThat(tx.projects().listReadableAfter(null, ProjectRef.parse("alice/genomes"), 10))
                    .extracting(p -> p.ref().id()).containsExactly("bob/atlas", "bob/private", "bob/shared", "carol/zoo");
            assertThat(tx.projects().listReadableAfter(null, ProjectRef.parse("bob/private"), 1))
                    .extracting(p -> p.ref().id()).containsExactly("bob/shared");
            return null;
        });
    }

    @Test
    @Timeout(60)
    void aLockedProjectHoldsTheNextLockerUntilCommit() throws Exception {
        User bob = TestData.user("bob");
        run(tx -> tx.users().insert(bob));
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> first = pool.submit(() -> write((Tx tx) -> {
                tx.projects().lock(project.id());
                firstHolds.countDown();
                await(release);
                tx.projects().putMember(project.id(), bob.id(), Permissions.ALL);
                return null;
            }));
            assertThat(firstHolds.await(30, TimeUnit.SECONDS)).isTrue();
            Future<Boolean> second = pool.submit(() -> write((Tx tx) -> {
                tx.projects().lock(project.id());
                // Whatever the first transaction did before its commit is visible once the lock is ours.
                return tx.projects().permissions(project.id(), bob.id()).isPresent();
            }));
            // The second transaction cannot get past the lock while the first one holds it.
            assertThat(waitsAtLeast(second, 300)).isTrue();
            release.countDown();
            first.get(30, TimeUnit.SECONDS);
            assertThat(second.get(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True when {@code f} is still running after {@code millis} (a slow machine can only make this pass, never fail wrongly). */
    private static boolean waitsAtLeast(Future<?> f, long millis) throws Exception {
        try {
            f.get(millis, TimeUnit.MILLISECONDS);
            return false;
        } catch (java.util.concurrent.TimeoutException stillWaiting) {
            return true;
        }
    }

    @Test
    void membershipsAreAddedReplacedListedAndDeleted() {
        User bob = TestData.user("bob");
        Permissions writer = new Permissions(true, true, false, false, false);
        run(tx -> {
            tx.users().insert(bob);
            tx.projects().putMember(project.id(), bob.id(), Permissions.READ_COPY);
            tx.projects().putMember(project.id(), bob.id(), writer);
        });
        read(tx -> {
            assertThat(tx.projects().permissions(project.id(), bob.id())).contains(writer);
            assertThat(tx.projects().permissions(project.id(), alice.id())).contains(Permissions.ALL);
            assertThat(tx.projects().permissions(project.id(), "usr_nobody")).isEmpty();
            assertThat(tx.projects().members(project.id())).containsExactly(
                    new Member(project.id(), alice.id(), alice.username(), Permissions.ALL),
                    new Member(project.id(), bob.id(), bob.username(), writer));
            return null;
        });
        assertThat(write((Tx tx) -> tx.projects().deleteMember(project.id(), bob.id()))).isTrue();
        assertThat(write((Tx tx) -> tx.projects().deleteMember(project.id(), bob.id()))).isFalse();
        assertThat(read((Tx tx) -> tx.projects().permissions(project.id(), bob.id()))).isEmpty();
    }

    @Test
    void deletingAProjectRemovesItsTreeAndMemberships() {
        Node raw = TestData.folder(root, "raw");
        Node file = TestData.file(raw, "a.vcf", Map.of("k", "v"), List.of("t"), null);
        run(tx -> {
            tx.nodes().insert(raw);
            tx.nodes().insert(file);
        });
        run(tx -> tx.projects().delete(project.id()));
        read(tx -> {
            assertThat(tx.projects().byId(project.id())).isEmpty();
            assertThat(tx.projects().members(project.id())).isEmpty();
            assertThat(tx.nodes().byIds(List.of(root.id(), raw.id(), file.id()))).isEmpty();
            return null;
        });
    }

    // ---- nodes ----

    @Test
    void nodeRoundTripsWithMetadataTagsInOrderAndChecksums() {
        Node file = TestData.file(root, "sample.vcf", Map.of("sample_id", "S1", "library_id", "L1"),
                List.of("zeta", "alpha", "mid"), "task-7");
        run(tx -> assertThat(tx.nodes().insert(file)).isTrue());
        Node stored = read(tx -> tx.nodes().byId(file.id())).orElseThrow();
        assertThat(stored).isEqualTo(file);
        assertThat(stored.tags().values()).containsExactly("zeta", "alpha", "mid");
        assertThat(read((Tx tx) -> tx.nodes().byId(root.id()))).contains(root);
        assertThat(read((Tx tx) -> tx.nodes().byId("missing"))).isEmpty();
        assertThat(read((Tx tx) -> tx.nodes().byIdInProject(file.id())))
                .contains(new NodeRepository.InProject(file, project));
        assertThat(read((Tx tx) -> tx.nodes().byIdInProject(root.id())))
                .contains(new NodeRepository.InProject(root, project));
        assertThat(read((Tx tx) -> tx.nodes().byIdInProject("missing"))).isEmpty();
    }

    @Test
    void insertIsRefusedWhenTheParentHasTheName() {
        Node first = TestData.file(root, "x.vcf", Map.of("a", "1"), List.of("t"), null);
        Node clash = TestData.folder(root, "x.vcf");
        run(tx -> assertThat(tx.nodes().insert(first)).isTrue());
        assertThat(write((Tx tx) -> tx.nodes().insert(clash))).isFalse();
        read(tx -> {
            assertThat(tx.nodes().byId(clash.id())).isEmpty();
            assertThat(tx.nodes().child(root.id(), "x.vcf")).contains(first);
            return null;
        });
    }

    @Test
    void nodesAreFoundByIdsChildAndFileKey() {
        Node raw = TestData.folder(root, "raw");
        Node vcf = TestData.file(raw, "a.vcf", Map.of("m", "1"), List.of("t1", "t2"), null);
        Node bam = TestData.file(root, "b.bam");
        run(tx -> List.of(raw, vcf, bam).forEach(tx.nodes()::insert));
        read(tx -> {
            assertThat(tx.nodes().byIds(List.of(vcf.id(), "missing", bam.id(), raw.id())))
                    .containsExactlyInAnyOrder(raw, vcf, bam);
            assertThat(tx.nodes().byIds(List.of())).isEmpty();
            assertThat(tx.nodes().child(raw.id(), "a.vcf")).contains(vcf);
            assertThat(tx.nodes().child(root.id(), "a.vcf")).isEmpty();
            assertThat(tx.nodes().fileByKey(project.id(), "raw/a.vcf")).contains(vcf);
            assertThat(tx.nodes().fileByKey(project.id(), "b.bam")).contains(bam);
            assertThat(tx.nodes().fileByKey(project.id(), "raw/")).as("folders are not files").isEmpty();
            assertThat(tx.nodes().fileByKey("ws_other", "b.bam")).isEmpty();
            return null;
        });
    }

    @Test
    void aPageOfFilesKeepsEachFilesMetadataAndTagsInTheirOrder() {
        Node first = TestData.file(root, "a.vcf", Map.of("sample_id", "S1", "batch", "B1"), List.of("zeta", "alpha", "mid"),
                null);
        Node second = TestData.file(root, "b.vcf", Map.of("sample_id", "S2"), List.of("mid", "zeta"), null);
        Node bare = TestData.file(root, "c.vcf");
        run(tx -> List.of(second, bare, first).forEach(tx.nodes()::insert));
        List<Node> page = read(tx -> tx.nodes().byIds(List.of(first.id(), second.id(), bare.id())));
        assertThat(page).containsExactlyInAnyOrder(first, second, bare);
        assertThat(page).filteredOn(n -> n.id().equals(first.id())).singleElement()
                .satisfies(n -> assertThat(n.tags().values()).containsExactly("zeta", "alpha", "mid"));
        assertThat(page).filteredOn(n -> n.id().equals(second.id())).singleElement()
                .satisfies(n -> assertThat(n.tags().values()).containsExactly("mid", "zeta"));
    }

    @Test
    void aOneStatementReadSeesWhatIsCommittedAndDoesNotNest() {
        Token token = new Token("tok_one", alice.id(), "hash-one", Scopes.of(Scope.FILES), null, T0, null, null);
        run(tx -> tx.tokens().insert(token));
        Optional<TokenRepository.Owned> found = store.readOneStatement(tx -> tx.tokens().withUserBySecretHash("hash-one"));
        assertThat(found).hasValueSatisfying(owned -> {
                    assertThat(owned.token()).isEqualTo(token);
                    assertThat(owned.user()).isEqualTo(alice);
                });
        Optional<TokenRepository.Owned> none = store.readOneStatement(tx -> tx.tokens().withUserBySecretHash("hash-none"));
        assertThat(none).isEmpty();
        assertThatThrownBy(() -> read(tx -> store.readOneStatement(inner -> inner.users().count())))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.readOneStatement(tx -> store.read(inner -> inner.users().count())))
                .isInstanceOf(IllegalStateException.class);
        long users = store.readOneStatement(tx -> tx.users().count());
        assertThat(users).as("the store is still usable").isEqualTo(1);
    }

    @Test
    @Timeout(60)
    void aReadSeesOneSnapshotWhateverCommitsDuringIt() {
        Node file = TestData.file(root, "a.vcf", Map.of("k", "v"), List.of("t"), null);
        run(tx -> tx.nodes().insert(file));
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            boolean stillSeen = read(tx -> {
                assertThat(tx.nodes().byId(file.id())).isPresent();
                // Another API call deletes the file and commits while this read is between its statements.
                try {
                    other.submit(() -> run(w -> w.nodes().delete(file.id()))).get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return tx.nodes().byId(file.id()).isPresent();
            });
            assertThat(stillSeen).as("the second statement reads the first one's snapshot").isTrue();
            assertThat(read((Tx tx) -> tx.nodes().byId(file.id()))).as("the next read sees the delete").isEmpty();
        } finally {
            other.shutdownNow();
        }
    }

    @Test
    void byIdsLoadsMoreIdsThanOneInList() {
        List<Node> files = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            files.add(TestData.file(root, "f" + i, Map.of("i", Integer.toString(i)), List.of("t" + i), null));
        }
        run(tx -> files.forEach(tx.nodes()::insert));
        List<Node> loaded = read(tx -> tx.nodes().byIds(files.stream().map(Node::id).toList()));
        assertThat(loaded).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void updateMovesRenamesAndRewritesMetadataAndTags() {
        Node raw = TestData.folder(root, "raw");
        Node file = TestData.file(root, "a.vcf", Map.of("a", "1", "b", "2"), List.of("x", "y"), "task-1");
        run(tx -> {
            tx.nodes().insert(raw);
            tx.nodes().insert(file);
        });
        Instant later = T0.plusSeconds(30);
        Node moved = file.withPlace(raw.id(), "b.vcf", "raw/b.vcf", later)
                .withMetadata(new Metadata(Map.of("a", "9", "c", "3")), later)
                .withTags(new Tags(List.of("y", "new", "x")), later);
        assertThat(write((Tx tx) -> tx.nodes().update(moved))).isTrue();
        read(tx -> {
            assertThat(tx.nodes().byId(file.id())).contains(moved);
            assertThat(tx.nodes().child(root.id(), "a.vcf")).isEmpty();
            assertThat(tx.nodes().fileByKey(project.id(), "raw/b.vcf")).contains(moved);
            return null;
        });

        Node renamedOnly = moved.withPlace(raw.id(), "c.vcf", "raw/c.vcf", later.plusSeconds(1));
        assertThat(write((Tx tx) -> tx.nodes().update(renamedOnly))).isTrue();
        assertThat(read((Tx tx) -> tx.nodes().byId(file.id()))).contains(renamedOnly);
    }

    @Test
    void updateWritesTheOriginTask() {
        Node file = TestData.file(root, "out.vcf");
        run(tx -> tx.nodes().insert(file));
        Node fromTask = file.withOriginTask("task-7", T0.plusSeconds(5));
        assertThat(write((Tx tx) -> tx.nodes().update(fromTask))).isTrue();
        NodeQuery byTask = new NodeQuery(root.id(), null, null, null, Map.of("task", "task-7"));
        read(tx -> {
            assertThat(tx.nodes().byId(file.id())).contains(fromTask);
            assertThat(names(tx.nodes().query(byTask, 0, 10))).containsExactly("out.vcf");
            return null;
        });
    }

    @Test
    void updateIsRefusedWhenTheNewNameIsTakenAndTheTransactionGoesOn() {
        Node a = TestData.file(root, "a.vcf");
        Node b = TestData.file(root, "b.vcf", Map.of("k", "v"), List.of("t"), null);
        run(tx -> {
            tx.nodes().insert(a);
            tx.nodes().insert(b);
        });
        Node clash = b.withPlace(root.id(), "a.vcf", "a.vcf", T0.plusSeconds(1))
                .withMetadata(Metadata.EMPTY, T0.plusSeconds(1));
        Node next = TestData.file(root, "c.vcf");
        run(tx -> {
            assertThat(tx.nodes().update(clash)).isFalse();
            assertThat(tx.nodes().insert(next)).as("the transaction is still usable").isTrue();
        });
        read(tx -> {
            assertThat(tx.nodes().byId(b.id())).contains(b);
            assertThat(tx.nodes().byId(next.id())).contains(next);
            return null;
        });
        Node ghost = TestData.file(root, "ghost.vcf");
        assertThat(write((Tx tx) -> tx.nodes().update(ghost))).as("a missing node").isFalse();
    }

    @Test
    void deleteRemovesTheNodeWithItsMetadataAndTags() {
        Node file = TestData.file(root, "a.vcf", Map.of("k", "v"), List.of("t"), null);
        run(tx -> tx.nodes().insert(file));
        run(tx -> tx.nodes().delete(file.id()));
        assertThat(read((Tx tx) -> tx.nodes().byId(file.id()))).isEmpty();
        Node again = TestData.file(file.id(), root, "a.vcf");
        run(tx -> tx.nodes().insert(again));
        Node stored = read(tx -> tx.nodes().byId(file.id())).orElseThrow();
        assertThat(stored.metadata().isEmpty()).isTrue();
        assertThat(stored.tags().isEmpty()).isTrue();
    }

    @Test
    void aFolderHasChildrenOnceSomethingIsInsideIt() {
        Node raw = TestData.folder(root, "raw");
        Node empty = TestData.folder(root, "empty");
        read(tx -> {
            assertThat(tx.nodes().hasChildren(root.id())).isFalse();
            return null;
        });
        run(tx -> {
            tx.nodes().insert(raw);
            tx.nodes().insert(empty);
            tx.nodes().insert(TestData.file(raw, "a.vcf"));
        });
        read(tx -> {
            assertThat(tx.nodes().hasChildren(raw.id())).isTrue();
            assertThat(tx.nodes().hasChildren(empty.id())).isFalse();
            assertThat(tx.nodes().hasChildren(root.id())).isTrue();
            return null;
        });
    }

    // ---- listings ----

    @Test
    void childrenAreFoldersFirstThenByNameBytes() {
        // Bytewise UTF-8 order: 'B' < 'a' < 'é' < U+FF21 < U+1F600 (Java's UTF-16 order would put the emoji before U+FF21).
        List<String> names = List.of("\uD83D\uDE00", "a", "\uFF21", "B", "\u00e9");
        for (String name : names) {
            run(tx -> {
                tx.nodes().insert(TestData.file(root, "f-" + name));
                tx.nodes().insert(TestData.folder(root, "d-" + name));
            });
        }
        List<String> expected = List.of("d-B", "d-a", "d-\u00e9", "d-\uFF21", "d-\uD83D\uDE00",
                "f-B", "f-a", "f-\u00e9", "f-\uFF21", "f-\uD83D\uDE00");
        assertThat(names(read(tx -> tx.nodes().query(NodeQuery.children(root.id()), 0, 100))))
                .containsExactlyElementsOf(expected);
        assertThat(names(walk(NodeQuery.children(root.id()), 3))).containsExactlyElementsOf(expected);
    }

    @Test
    void queryPagesWithOffsetAndLimitAndCounts() {
        Node raw = TestData.folder(root, "raw");
        run(tx -> {
            tx.nodes().insert(raw);
            for (int i = 0; i < 10; i++) {
                tx.nodes().insert(TestData.file(raw, "f" + i));
            }
            tx.nodes().insert(TestData.folder(raw, "sub"));
        });
        NodeQuery children = NodeQuery.children(raw.id());
        read(tx -> {
            assertThat(tx.nodes().count(children)).isEqualTo(11);
            assertThat(names(tx.nodes().query(children, 0, 3))).containsExactly("sub", "f0", "f1");
            assertThat(names(tx.nodes().query(children, 9, 5))).containsExactly("f8", "f9");
            assertThat(tx.nodes().query(children, 11, 5)).isEmpty();
            assertThat(tx.nodes().count(NodeQuery.children(root.id()))).isEqualTo(1);
            assertThat(tx.nodes().count(NodeQuery.children("missing"))).isZero();
            return null;
        });
    }

    @Test
    void namesFilterMatchesListedNamesAndAnEmptyListMatchesNothing() {
        insertFiles("a.vcf", "b.vcf", "c.vcf");
        NodeQuery some = new NodeQuery(root.id(), List.of("c.vcf", "a.vcf", "zzz"), null, null, null);
        NodeQuery none = new NodeQuery(root.id(), List.of(), null, null, null);
        read(tx -> {
            assertThat(names(tx.nodes().query(some, 0, 10))).containsExactly("a.vcf", "c.vcf");
            assertThat(tx.nodes().count(some)).isEqualTo(2);
            assertThat(tx.nodes().query(none, 0, 10)).isEmpty();
            assertThat(tx.nodes().count(none)).isZero();
            assertThat(tx.nodes().queryAfter(none, null, 10)).isEmpty();
            return null;
        });
    }

    @Test
    void nameContainsMatchesPartsOfNamesIgnoringCaseAndTakesWildcardsLiterally() {
        insertFiles("Sample_A.bam", "sample_a.bam.bai", "sampleXa.vcf", "notes.txt", "100%.txt", "a\\b.txt");
        read(tx -> {
            NodeQuery sample = contains("SAMPLE_A");
            assertThat(names(tx.nodes().query(sample, 0, 10))).containsExactlyInAnyOrder("Sample_A.bam", "sample_a.bam.bai");
            assertThat(tx.nodes().count(sample)).isEqualTo(2);
            assertThat(tx.nodes().queryCounted(sample, 1, 10).total()).isEqualTo(2);
            assertThat(names(tx.nodes().queryAfter(sample, null, 10))).containsExactlyInAnyOrder("Sample_A.bam", "sample_a.bam.bai");
            assertThat(names(tx.nodes().query(contains("%"), 0, 10))).containsExactly("100%.txt");
            assertThat(names(tx.nodes().query(contains("a\\b"), 0, 10))).containsExactly("a\\b.txt");
            assertThat(names(tx.nodes().query(contains(".TXT"), 0, 10))).containsExactly("100%.txt", "a\\b.txt", "notes.txt");
            assertThat(tx.nodes().count(contains("zzz"))).isZero();
            return null;
        });
    }

    private NodeQuery contains(String text) {
        return new NodeQuery(root.id(), null, null, null, null, text);
    }

    @Test
    void metadataFilterOrsValuesOfAKeyAndAndsKeys() {
        run(tx -> {
            tx.nodes().insert(TestData.file(root, "s1-l1", Map.of("sample", "S1", "lib", "L1"), List.of(), null));
            tx.nodes().insert(TestData.file(root, "s2-l1", Map.of("sample", "S2", "lib", "L1"), List.of(), null));
            tx.nodes().insert(TestData.file(root, "s3-l1", Map.of("sample", "S3", "lib", "L1"), List.of(), null));
            tx.nodes().insert(TestData.file(root, "s1-l2", Map.of("sample", "S1", "lib", "L2"), List.of(), null));
            tx.nodes().insert(TestData.file(root, "s1", Map.of("sample", "S1"), List.of(), null));
        });
        NodeQuery oneKey = new NodeQuery(root.id(), null, Map.of("sample", List.of("S1", "S2")), null, null);
        NodeQuery twoKeys = new NodeQuery(root.id(), null,
                Map.of("sample", List.of("S1", "S2"), "lib", List.of("L1")), null, null);
        NodeQuery noValues = new NodeQuery(root.id(), null, Map.of("sample", List.of()), null, null);
        NodeQuery valueOfOtherKey = new NodeQuery(root.id(), null, Map.of("lib", List.of("S1")), null, null);
        read(tx -> {
            assertThat(names(tx.nodes().query(oneKey, 0, 10))).containsExactly("s1", "s1-l1", "s1-l2", "s2-l1");
            assertThat(names(tx.nodes().query(twoKeys, 0, 10))).containsExactly("s1-l1", "s2-l1");
            assertThat(tx.nodes().count(twoKeys)).isEqualTo(2);
            assertThat(tx.nodes().query(noValues, 0, 10)).isEmpty();
            assertThat(tx.nodes().count(noValues)).isZero();
            assertThat(tx.nodes().query(valueOfOtherKey, 0, 10)).isEmpty();
            return null;
        });
    }

    /**
     * Metadata and tag rows carry their file's folder (V14's triggers), which the filters read: a
     * file moved, moved as a subtree's root, or copied is found by both filters in its new folder
     * only, its total counted there.
     */
    @Test
    void filtersFindAFileInTheFolderItWasMovedOrCopiedTo() {
        Node raw = TestData.folder(root, "raw");
        Node done = TestData.folder(root, "done");
        Node file = TestData.file(raw, "a.vcf", Map.of("sample", "S1"), List.of("qc"), null);
        run(tx -> {
            tx.nodes().insert(raw);
            tx.nodes().insert(done);
            tx.nodes().insert(file);
        });
        assertThat(filtered(raw)).containsExactly("a.vcf");
        assertThat(filtered(done)).isEmpty();

        Instant later = T0.plusSeconds(10);
        assertThat(write((Tx tx) -> tx.nodes().update(file.withPlace(done.id(), "b.vcf", "done/b.vcf", later)))).isTrue();
        assertThat(filtered(raw)).isEmpty();
        assertThat(filtered(done)).containsExactly("b.vcf");

        Node moved = read((Tx tx) -> tx.nodes().byId(file.id())).orElseThrow();
        assertThat(write((Tx tx) -> tx.nodes().moveTree(moved, raw.id(), "c.vcf", "raw/c.vcf", project.id(), later))).isTrue();
        assertThat(filtered(done)).isEmpty();
        assertThat(filtered(raw)).containsExactly("c.vcf");

        run(tx -> assertThat(tx.nodes().insertCopies(project.id(), done.id(),
                List.of(new NodeRepository.CopyOf(file.id(), TestData.objectId(), "done/c.vcf")), later)).isEmpty());
        assertThat(filtered(done)).containsExactly("c.vcf");
        assertThat(filtered(raw)).containsExactly("c.vcf");
    }

    /** The names a metadata filter, then a tag filter, finds in the folder (each also counted), which must agree. */
    private List<String> filtered(Node folder) {
        NodeQuery byMetadata = new NodeQuery(folder.id(), null, Map.of("sample", List.of("S1")), null, null);
        NodeQuery byTag = new NodeQuery(folder.id(), null, null, List.of("qc"), null);
        return read(tx -> {
            List<String> found = names(tx.nodes().query(byMetadata, 0, 10));
            assertThat(names(tx.nodes().query(byTag, 0, 10))).as("by tag").isEqualTo(found);
            assertThat(tx.nodes().count(byMetadata)).as("counted").isEqualTo(found.size());
            if (!found.isEmpty()) { // an empty page carries no count (queryCounted)
                assertThat(tx.nodes().queryCounted(byTag, 0, 10).total()).as("counted with the page").isEqualTo(found.size());
            }
            return found;
        });
    }

    @Test
    void tagFilterMatchesAnyListedTag() {
        run(tx -> {
            tx.nodes().insert(TestData.file(root, "a", Map.of(), List.of("red", "big"), null));
            tx.nodes().insert(TestData.file(root, "b", Map.of(), List.of("blue"), null));
            tx.nodes().insert(TestData.file(root, "c", Map.of(), List.of("green"), null));
            tx.nodes().insert(TestData.file(root, "d", Map.of(), List.of(), null));
        });
        NodeQuery redOrBlue = new NodeQuery(root.id(), null, null, List.of("red", "blue"), null);
        NodeQuery bigAndNamedA = new NodeQuery(root.id(), List.of("a", "b"), null, List.of("big"), null);
        read(tx -> {
            assertThat(names(tx.nodes().query(redOrBlue, 0, 10))).containsExactly("a", "b");
            assertThat(tx.nodes().count(redOrBlue)).isEqualTo(2);
            assertThat(names(tx.nodes().query(bigAndNamedA, 0, 10))).containsExactly("a");
            assertThat(tx.nodes().count(new NodeQuery(root.id(), null, null, List.of(), null))).isEqualTo(4);
            return null;
        });
    }

    /** A metadata or tag filter's page carries its total; other listings leave counting to the caller. */
    @Test
    void aFilteredPageCountsAllItsMatches() {
        run(tx -> {
            for (int i = 0; i < 7; i++) {
                tx.nodes().insert(TestData.file(root, "f" + i, Map.of("lib", i % 2 == 0 ? "L1" : "L2"),
                        i < 5 ? List.of("qc-pass") : List.of("qc-fail"), null));
            }
        });
        NodeQuery l1 = new NodeQuery(root.id(), null, Map.of("lib", List.of("L1")), null, null);
        NodeQuery passed = new NodeQuery(root.id(), null, null, List.of("qc-pass"), null);
        NodeQuery l1Passed = new NodeQuery(root.id(), null, Map.of("lib", List.of("L1")), List.of("qc-pass"), null);
        NodeQuery noValues = new NodeQuery(root.id(), null, Map.of("lib", List.of()), null, null);
        read(tx -> {
            NodeRepository.CountedPage page = tx.nodes().queryCounted(l1, 1, 2);
            assertThat(names(page.rows())).containsExactly("f2", "f4");
            assertThat(page.rows().getFirst().metadata().values()).containsEntry("lib", "L1");
            assertThat(page.total()).isEqualTo(4).isEqualTo(tx.nodes().count(l1));
            assertThat(tx.nodes().queryCounted(passed, 0, 2).total()).isEqualTo(5);
            assertThat(tx.nodes().queryCounted(l1Passed, 0, 10).total()).isEqualTo(3);
            assertThat(tx.nodes().queryCounted(l1, 4, 2).rows()).isEmpty();
            assertThat(tx.nodes().queryCounted(l1, 4, 2).total()).isEqualTo(-1);
            assertThat(tx.nodes().queryCounted(noValues, 0, 2).total()).isZero();
            NodeRepository.CountedPage unfiltered = tx.nodes().queryCounted(NodeQuery.children(root.id()), 0, 3);
            assertThat(names(unfiltered.rows())).containsExactly("f0", "f1", "f2");
            assertThat(unfiltered.total()).isEqualTo(-1);
            return null;
        });
    }

    @Test
    void originFilterKnowsOnlyTheTask() {
        run(tx -> {
            tx.nodes().insert(TestData.file(root, "from-t1", Map.of(), List.of(), "t1"));
            tx.nodes().insert(TestData.file(root, "from-t2", Map.of(), List.of(), "t2"));
            tx.nodes().insert(TestData.file(root, "uploaded"));
        });
        NodeQuery task = new NodeQuery(root.id(), null, null, null, Map.of("task", "t1"));
        NodeQuery unknown = new NodeQuery(root.id(), null, null, null, Map.of("dataset", "t1"));
        read(tx -> {
            assertThat(names(tx.nodes().query(task, 0, 10))).containsExactly("from-t1");
            assertThat(tx.nodes().count(task)).isEqualTo(1);
            assertThat(tx.nodes().query(unknown, 0, 10)).isEmpty();
            assertThat(tx.nodes().count(unknown)).isZero();
            return null;
        });
    }

    @Test
    void keysetPagesWalkALargeFolderWithoutDuplicatesOrGaps() {
        Node big = TestData.folder(root, "big");
        run(tx -> {
            tx.nodes().insert(big);
            for (int i = 0; i < 250; i++) {
                String name = String.format("n%03d", (i * 37) % 250);
                tx.nodes().insert(i % 5 == 0 ? TestData.folder(big, name) : TestData.file(big, name));
            }
        });
        NodeQuery children = NodeQuery.children(big.id());
        List<Node> all = read(tx -> tx.nodes().query(children, 0, 1000));
        assertThat(all).hasSize(250);
        assertThat(all.subList(0, 50)).allMatch(Node::isFolder);
        for (int pageSize : List.of(1, 7, 100, 250, 300)) {
            List<Node> walked = walk(children, pageSize);
            assertThat(walked).as("page size %d", pageSize).containsExactlyElementsOf(all);
            assertThat(new HashSet<>(walked.stream().map(Node::id).toList())).hasSize(250);
        }
    }

    @Test
    void keysetCursorComparesNameThenId() {
        Node a = TestData.file("000000000000000000000002", root, "m");
        run(tx -> {
            tx.nodes().insert(a);
            tx.nodes().insert(TestData.file(root, "z"));
            tx.nodes().insert(TestData.folder(root, "dir"));
        });
        NodeQuery children = NodeQuery.children(root.id());
        read(tx -> {
            assertThat(names(tx.nodes().queryAfter(children, new NodeCursor(false, "m", "000000000000000000000001"), 10)))
                    .containsExactly("m", "z");
            assertThat(names(tx.nodes().queryAfter(children, new NodeCursor(false, "m", a.id()), 10)))
                    .containsExactly("z");
            assertThat(names(tx.nodes().queryAfter(children, new NodeCursor(true, "dir", "~"), 10)))
                    .containsExactly("m", "z");
            assertThat(names(tx.nodes().queryAfter(children, null, 2))).containsExactly("dir", "m");
            return null;
        });
    }

    @Test
    void keysetPagesApplyTheFilters() {
        run(tx -> {
            for (int i = 0; i < 20; i++) {
                tx.nodes().insert(TestData.file(root, "f" + (char) ('a' + i), Map.of(), List.of(i % 2 == 0 ? "even" : "odd"),
                        null));
            }
        });
        NodeQuery even = new NodeQuery(root.id(), null, null, List.of("even"), null);
        List<Node> walked = walk(even, 3);
        assertThat(walked).hasSize(10).allMatch(n -> n.tags().values().equals(List.of("even")));
        assertThat(walked).containsExactlyElementsOf(read(tx -> tx.nodes().query(even, 0, 100)));
    }

    // ---- v1 key prefix listing ----

    @Test
    void prefixListingReturnsFilesUnderThePrefixByKey() {
        Node raw = TestData.folder(root, "raw");
        Node sub = TestData.folder(raw, "sub");
        Node raw2 = TestData.folder(root, "raw2");
        run(tx -> {
            List.of(raw, sub, raw2).forEach(tx.nodes()::insert);
            tx.nodes().insert(TestData.file(raw, "b.vcf", Map.of("k", "v"), List.of("t"), null));
            tx.nodes().insert(TestData.file(raw, "a.vcf"));
            tx.nodes().insert(TestData.file(sub, "c.vcf"));
            tx.nodes().insert(TestData.file(raw2, "x"));
            tx.nodes().insert(TestData.file(root, "raw.txt"));
            tx.nodes().insert(TestData.file(root, "raw-notes.txt"));
        });
        read(tx -> {
            List<Node> underRaw = tx.nodes().filesByKeyPrefix(project.id(), "raw/", null, 100);
            assertThat(keys(underRaw)).containsExactly("raw/a.vcf", "raw/b.vcf", "raw/sub/c.vcf");
            assertThat(underRaw.get(1).tags().values()).containsExactly("t");
            assertThat(keys(tx.nodes().filesByKeyPrefix(project.id(), "raw/", "raw/a.vcf", 100)))
                    .containsExactly("raw/b.vcf", "raw/sub/c.vcf");
            assertThat(keys(tx.nodes().filesByKeyPrefix(project.id(), "raw/", "raw/b.vcf", 1)))
                    .containsExactly("raw/sub/c.vcf");
            assertThat(keys(tx.nodes().filesByKeyPrefix(project.id(), "raw/", null, 2)))
                    .containsExactly("raw/a.vcf", "raw/b.vcf");
            assertThat(keys(tx.nodes().filesByKeyPrefix(project.id(), "raw", null, 100)))
                    .containsExactly("raw-notes.txt", "raw.txt", "raw/a.vcf", "raw/b.vcf", "raw/sub/c.vcf", "raw2/x");
            assertThat(keys(tx.nodes().filesByKeyPrefix(project.id(), "", null, 100))).hasSize(6);
            assertThat(tx.nodes().filesByKeyPrefix(project.id(), "nothing/", null, 100)).isEmpty();
            assertThat(tx.nodes().filesByKeyPrefix("ws_other", "", null, 100)).isEmpty();
            return null;
        });
    }

    @Test
    void prefixListingHandlesCharactersOutsideAscii() {
        Node accented = TestData.folder(root, "\u00e9t\u00e9");
        Node next = TestData.folder(root, "\u00e9t\u00ea");
        Node emoji = TestData.folder(root, "\uD83D\uDE00");
        run(tx -> {
            List.of(accented, next, emoji).forEach(tx.nodes()::insert);
            tx.nodes().insert(TestData.file(accented, "a"));
            tx.nodes().insert(TestData.file(next, "b"));
            tx.nodes().insert(TestData.file(emoji, "c"));
        });
        read(tx -> {
            assertThat(keys(tx.nodes().filesByKeyPrefix(project.id(), "\u00e9t\u00e9", null, 10)))
                    .containsExactly("\u00e9t\u00e9/a");
            assertThat(keys(tx.nodes().filesByKeyPrefix(project.id(), "\uD83D\uDE00", null, 10)))
                    .containsExactly("\uD83D\uDE00/c");
            return null;
        });
    }

    // ---- uploads ----

    @Test
    void uploadSessionRoundTripsAndOpenOnesAreListedPerUserNewestFirst() {
        UploadSession first = TestData.upload(alice, project, T0, T0.plusSeconds(86400));
        UploadSession second = TestData.upload(alice, project, T0.plusSeconds(10), T0.plusSeconds(86410));
        UploadSession third = TestData.upload(alice, project, T0.plusSeconds(20), T0.plusSeconds(86420));
        // Finished sessions between and after them are passed over, not counted against the page.
        List<UploadSession> finished = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            finished.add(TestData.upload(alice, project, T0.plusSeconds(5 + 5 * i), T0.plusSeconds(86400))
                    .withState(List.of(UploadState.DONE, UploadState.ABORTED, UploadState.EXPIRED).get(i % 3), null, null));
        }
        run(tx -> {
            List.of(first, second, third).forEach(tx.uploads()::insert);
            finished.forEach(tx.uploads()::insert);
        });
        read(tx -> {
            assertThat(tx.uploads().byId(first.id())).contains(first);
            assertThat(tx.uploads().byId("up_missing")).isEmpty();
            assertThat(tx.uploads().openForUser(alice.id(), 0, 2)).containsExactly(third, second);
            assertThat(tx.uploads().openForUser(alice.id(), 2, 2)).containsExactly(first);
            assertThat(tx.uploads().openForUser(alice.id(), 3, 2)).isEmpty();
            assertThat(tx.uploads().countOpenForUser(alice.id())).isEqualTo(3);
            assertThat(tx.uploads().openForUser("usr_nobody", 0, 2)).isEmpty();
            assertThat(tx.uploads().countOpenForUser("usr_nobody")).isZero();
            return null;
        });
    }

    @Test
    void finishedSessionsExpiredBeforeTheCutOffAreDeletedWithTheirPartsInBatches() {
        Instant cutOff = T0.plusSeconds(1000);
        List<UploadSession> old = new ArrayList<>();
        for (UploadState state : List.of(UploadState.DONE, UploadState.ABORTED, UploadState.EXPIRED)) {
            old.add(TestData.upload(alice, project, T0, T0.plusSeconds(old.size())).withState(state, null, null));
        }
        UploadSession recent = TestData.upload(alice, project, T0, cutOff.plusSeconds(1))
                .withState(UploadState.DONE, null, null);
        UploadSession open = TestData.upload(alice, project, T0, T0);
        UploadSession completing = TestData.upload(alice, project, T0, T0).withState(UploadState.COMPLETING, "b", null);
        run(tx -> {
            old.forEach(tx.uploads()::insert);
            List.of(recent, open, completing).forEach(tx.uploads()::insert);
            tx.uploads().putPart(TestData.part(old.get(0).id(), 1, "left-behind"));
        });

        assertThat(write((Tx tx) -> tx.uploads().deleteFinished(cutOff, 2))).as("one batch").isEqualTo(2);
        assertThat(write((Tx tx) -> tx.uploads().deleteFinished(cutOff, 2))).as("the rest").isEqualTo(1);
        assertThat(write((Tx tx) -> tx.uploads().deleteFinished(cutOff, 2))).isZero();
        read(tx -> {
            old.forEach(s -> assertThat(tx.uploads().byId(s.id())).as(s.state().name()).isEmpty());
            assertThat(tx.uploads().parts(old.get(0).id())).isEmpty();
            assertThat(tx.uploads().byId(recent.id())).as("within its retention").isPresent();
            assertThat(tx.uploads().byId(open.id())).as("open, however overdue").isPresent();
            assertThat(tx.uploads().byId(completing.id())).as("being completed").isPresent();
            return null;
        });
    }

    @Test
    void transitionIsACompareAndSetOnTheState() {
        UploadSession s = TestData.upload(alice, project, T0, T0.plusSeconds(60));
        run(tx -> tx.uploads().insert(s));
        assertThat(write((Tx tx) -> tx.uploads().transition(s.id(), UploadState.OPEN, UploadState.COMPLETING, "blob-1", null)))
                .isTrue();
        assertThat(write((Tx tx) -> tx.uploads().transition(s.id(), UploadState.OPEN, UploadState.ABORTED, null, null)))
                .isFalse();
        assertThat(read((Tx tx) -> tx.uploads().byId(s.id()))).contains(s.withState(UploadState.COMPLETING, "blob-1", null));
        assertThat(write((Tx tx) -> tx.uploads().transition(s.id(), UploadState.COMPLETING, UploadState.DONE, null, "file-1")))
                .isTrue();
        assertThat(read((Tx tx) -> tx.uploads().byId(s.id()))).contains(s.withState(UploadState.DONE, "blob-1", "file-1"));
        assertThat(write((Tx tx) -> tx.uploads().transition("up_missing", UploadState.OPEN, UploadState.DONE, null, null)))
                .isFalse();
    }

    @Test
    void aResentPartReplacesTheEarlierOneAndReturnsItsLocator() {
        UploadSession s = TestData.upload(alice, project, T0, T0.plusSeconds(60));
        run(tx -> tx.uploads().insert(s));
        assertThat(write((Tx tx) -> tx.uploads().putPart(TestData.part(s.id(), 2, "loc-2a")))).isEmpty();
        assertThat(write((Tx tx) -> tx.uploads().putPart(TestData.part(s.id(), 1, "loc-1")))).isEmpty();
        assertThat(write((Tx tx) -> tx.uploads().putPart(TestData.part(s.id(), 2, "loc-2b")))).contains("loc-2a");
        assertThat(write((Tx tx) -> tx.uploads().putPart(TestData.part(s.id(), 2, "loc-2b"))))
                .as("recorded again under the same locator: nothing to drop").isEmpty();
        assertThat(read((Tx tx) -> tx.uploads().parts(s.id())))
                .containsExactly(TestData.part(s.id(), 1, "loc-1"), TestData.part(s.id(), 2, "loc-2b"));
        run(tx -> tx.uploads().deleteParts(s.id()));
        assertThat(read((Tx tx) -> tx.uploads().parts(s.id()))).isEmpty();
    }

    @Test
    void expiredSessionsAreOpenOrCompletingPastTheirExpiry() {
        Instant now = T0.plusSeconds(1000);
        UploadSession openOld = TestData.upload(alice, project, T0, now.minusSeconds(2));
        UploadSession completingOld = TestData.upload(alice, project, T0, now.minusSeconds(1));
        UploadSession doneOld = TestData.upload(alice, project, T0, now.minusSeconds(3));
        UploadSession openFresh = TestData.upload(alice, project, T0, now.plusSeconds(1));
        UploadSession openAtNow = TestData.upload(alice, project, T0, now);
        run(tx -> {
            List.of(openOld, completingOld, doneOld, openFresh, openAtNow).forEach(tx.uploads()::insert);
            tx.uploads().transition(completingOld.id(), UploadState.OPEN, UploadState.COMPLETING, "b", null);
            tx.uploads().transition(doneOld.id(), UploadState.OPEN, UploadState.DONE, null, "f");
        });
        read(tx -> {
            assertThat(tx.uploads().expired(now, 10)).extracting(UploadSession::id)
                    .containsExactly(openOld.id(), completingOld.id());
            assertThat(tx.uploads().expired(now, 1)).extracting(UploadSession::id).containsExactly(openOld.id());
            return null;
        });
    }

    @Test
    void blobsBeingAssembledAreThoseOfCompletingSessions() {
        UploadSession completing = TestData.upload(alice, project, T0, T0.plusSeconds(60));
        UploadSession done = TestData.upload(alice, project, T0, T0.plusSeconds(60));
        UploadSession open = TestData.upload(alice, project, T0, T0.plusSeconds(60));
        run(tx -> {
            List.of(completing, done, open).forEach(tx.uploads()::insert);
            tx.uploads().transition(completing.id(), UploadState.OPEN, UploadState.COMPLETING, "blob-c", null);
            tx.uploads().transition(done.id(), UploadState.OPEN, UploadState.COMPLETING, "blob-d", null);
            tx.uploads().transition(done.id(), UploadState.COMPLETING, UploadState.DONE, null, "file-d");
        });
        assertThat(read((Tx tx) -> tx.uploads().blobsBeingAssembled())).containsExactly("blob-c");
    }

    // ---- blobs ----

    @Test
    void blobRoundTripsAndPagesById() {
        List<Blob> blobs = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            blobs.add(TestData.blob(T0));
        }
        run(tx -> blobs.forEach(tx.blobs()::insert));
        read(tx -> {
            assertThat(tx.blobs().byId(blobs.get(0).id())).contains(blobs.get(0));
            assertThat(tx.blobs().exists(blobs.get(1).id())).isTrue();
            assertThat(tx.blobs().exists("missing")).isFalse();
            assertThat(tx.blobs().page(null, 2)).containsExactly(blobs.get(0), blobs.get(1));
            assertThat(tx.blobs().page(blobs.get(1).id(), 10)).containsExactlyElementsOf(blobs.subList(2, 5));
            return null;
        });
        run(tx -> tx.blobs().delete(blobs.get(0).id()));
        assertThat(read((Tx tx) -> tx.blobs().byId(blobs.get(0).id()))).isEmpty();
    }

    @Test
    void aFilesBlobIsFoundByItsIdUntilTheFileIsDeleted() {
        Blob blob = TestData.blob(T0);
        Node file = TestData.fileWithBlob(root, "a.vcf", blob.id());
        Node copy = TestData.fileWithBlob(root, "copy.vcf", blob.id());
        Node folder = TestData.folder(root, "raw");
        run(tx -> {
            tx.blobs().insert(blob);
            List.of(file, copy, folder).forEach(tx.nodes()::insert);
        });
        assertThat(read((Tx tx) -> tx.nodes().fileBlobId(file.id()))).contains(blob.id());
        assertThat(read((Tx tx) -> tx.nodes().fileBlobId(folder.id()))).as("a folder has none").isEmpty();
        assertThat(read((Tx tx) -> tx.nodes().fileBlobId("missing"))).isEmpty();

        run(tx -> tx.nodes().delete(file.id()));
        assertThat(read((Tx tx) -> tx.nodes().fileBlobId(file.id()))).isEmpty();
        assertThat(read((Tx tx) -> tx.nodes().fileBlobId(copy.id()))).as("the copy keeps it").contains(blob.id());
    }

    @Test
    void unreferencedBlobsAreOldAndNeitherPublishedNorBeingAssembled() {
        Blob referenced = TestData.blob(T0);
        Blob orphan = TestData.blob(T0);
        Blob assembling = TestData.blob(T0);
        Blob recent = TestData.blob(T0.plusSeconds(100));
        Blob assembledEarlier = TestData.blob(T0);
        Node file = TestData.fileWithBlob(root, "a.vcf", referenced.id());
        UploadSession completing = TestData.upload(alice, project, T0, T0.plusSeconds(60));
        UploadSession done = TestData.upload(alice, project, T0, T0.plusSeconds(60));
        run(tx -> {
            List.of(referenced, orphan, assembling, recent, assembledEarlier).forEach(tx.blobs()::insert);
            tx.nodes().insert(file);
            tx.uploads().insert(completing);
            tx.uploads().insert(done);
            tx.uploads().transition(completing.id(), UploadState.OPEN, UploadState.COMPLETING, assembling.id(), null);
            tx.uploads().transition(done.id(), UploadState.OPEN, UploadState.COMPLETING, assembledEarlier.id(), null);
            tx.uploads().transition(done.id(), UploadState.COMPLETING, UploadState.ABORTED, null, null);
        });
        Instant before = T0.plusSeconds(50);
        assertThat(read((Tx tx) -> tx.blobs().unreferenced(before, 10)))
                .containsExactlyInAnyOrder(orphan, assembledEarlier);
        assertThat(read((Tx tx) -> tx.blobs().unreferenced(before, 1))).hasSize(1);

        run(tx -> tx.nodes().delete(file.id()));
        assertThat(read((Tx tx) -> tx.blobs().unreferenced(before, 10)))
                .containsExactlyInAnyOrder(orphan, assembledEarlier, referenced);
    }

    @Test
    void deletingAFileOrAProjectNotesItsBlobForTheCollector() {
        Blob kept = TestData.blob(T0);
        Blob gone = TestData.blob(T0);
        Blob ofProject = TestData.blob(T0);
        Node keep = TestData.fileWithBlob(root, "keep.vcf", kept.id());
        Node delete = TestData.fileWithBlob(root, "delete.vcf", gone.id());
        Project other = TestData.project(alice, "other", false);
        Node otherRoot = TestData.root(other);
        run(tx -> {
            List.of(kept, gone, ofProject).forEach(tx.blobs()::insert);
            tx.nodes().insert(keep);
            tx.nodes().insert(delete);
            createProject(tx, other, alice);
            tx.nodes().insert(TestData.fileWithBlob(otherRoot, "a.bam", ofProject.id()));
            tx.nodes().insert(TestData.fileWithBlob(otherRoot, "copy-of-a.bam", ofProject.id()));
        });
        assertThat(read((Tx tx) -> tx.blobs().reclaimable(null, 10))).as("nothing dropped a reference yet").isEmpty();

        run(tx -> tx.nodes().delete(delete.id()));
        run(tx -> tx.projects().delete(other.id()));

        assertThat(read((Tx tx) -> tx.blobs().reclaimable(null, 10)))
                .containsExactlyElementsOf(sorted(gone.id(), ofProject.id()));
    }

    @Test
    void anUploadEndingWithoutPublishingNotesTheBlobItChose() {
        UploadSession aborted = TestData.upload(alice, project, T0, T0.plusSeconds(60));
        UploadSession expired = TestData.upload(alice, project, T0, T0.plusSeconds(60));
        UploadSession published = TestData.upload(alice, project, T0, T0.plusSeconds(60));
        UploadSession abortedOpen = TestData.upload(alice, project, T0, T0.plusSeconds(60));
        run(tx -> {
            List.of(aborted, expired, published, abortedOpen).forEach(tx.uploads()::insert);
            tx.uploads().transition(aborted.id(), UploadState.OPEN, UploadState.COMPLETING, "blob-aborted", null);
            tx.uploads().transition(expired.id(), UploadState.OPEN, UploadState.COMPLETING, "blob-expired", null);
            tx.uploads().transition(published.id(), UploadState.OPEN, UploadState.COMPLETING, "blob-published", null);
        });
        run(tx -> {
            tx.uploads().transition(aborted.id(), UploadState.COMPLETING, UploadState.ABORTED, null, null);
            tx.uploads().transition(expired.id(), UploadState.COMPLETING, UploadState.EXPIRED, null, null);
            tx.uploads().transition(published.id(), UploadState.COMPLETING, UploadState.DONE, null, "file-1");
            tx.uploads().transition(abortedOpen.id(), UploadState.OPEN, UploadState.ABORTED, null, null);
        });

        assertThat(read((Tx tx) -> tx.blobs().reclaimable(null, 10))).containsExactly("blob-aborted", "blob-expired");
        assertThat(read((Tx tx) -> tx.blobs().reclaimable("blob-aborted", 10))).containsExactly("blob-expired");
    }

    @Test
    void releasingNotedBlobsDeletesOnlyWhatNothingUses() {
        Blob unreferenced = TestData.blob(T0);
        Blob stillCopied = TestData.blob(T0);
        Blob assembling = TestData.blob(T0);
        Node copy = TestData.fileWithBlob(root, "copy.vcf", stillCopied.id());
        UploadSession completing = TestData.upload(alice, project, T0, T0.plusSeconds(60));
        run(tx -> {
            List.of(unreferenced, stillCopied, assembling).forEach(tx.blobs()::insert);
            tx.nodes().insert(copy);
            tx.uploads().insert(completing);
            tx.uploads().transition(completing.id(), UploadState.OPEN, UploadState.COMPLETING, assembling.id(), null);
            List.of(unreferenced.id(), stillCopied.id(), assembling.id(), "blob-without-row")
                    .forEach(tx.blobs()::noteReclaimable);
            tx.blobs().noteReclaimable(unreferenced.id());
        });

        List<BlobRepository.Released> released = write((Tx tx) -> tx.blobs().releaseUnreferenced(
                tx.blobs().reclaimable(null, 10)));

        assertThat(released).containsExactlyInAnyOrder(new BlobRepository.Released(unreferenced.id(), true),
                new BlobRepository.Released("blob-without-row", false));
        read(tx -> {
            assertThat(tx.blobs().exists(unreferenced.id())).isFalse();
            assertThat(tx.blobs().exists(stillCopied.id())).isTrue();
            assertThat(tx.blobs().exists(assembling.id())).isTrue();
            // Until the bytes are gone too: a crash before that leaves the note for the next pass.
            assertThat(tx.blobs().reclaimable(null, 10))
                    .containsExactlyElementsOf(sorted(unreferenced.id(), "blob-without-row"));
            return null;
        });
        run(tx -> tx.blobs().forgetReclaimed(released.stream().map(BlobRepository.Released::id).toList()));
        assertThat(read((Tx tx) -> tx.blobs().reclaimable(null, 10))).isEmpty();
    }

    @Test
    void theSweepNotesUnreferencedRowsAndFindsWhichIdsHaveRows() {
        Blob referenced = TestData.blob(T0);
        Blob unreferenced = TestData.blob(T0);
        run(tx -> {
            List.of(referenced, unreferenced).forEach(tx.blobs()::insert);
            tx.nodes().insert(TestData.fileWithBlob(root, "a.vcf", referenced.id()));
        });

        assertThat(write((Tx tx) -> tx.blobs().noteAllUnreferenced())).isEqualTo(1);
        assertThat(write((Tx tx) -> tx.blobs().noteAllUnreferenced())).as("noted already").isZero();
        assertThat(read((Tx tx) -> tx.blobs().reclaimable(null, 10))).containsExactly(unreferenced.id());
        assertThat(read((Tx tx) -> tx.blobs().existing(List.of(referenced.id(), "no-such-blob", unreferenced.id()))))
                .containsExactlyInAnyOrder(referenced.id(), unreferenced.id());
        assertThat(read((Tx tx) -> tx.blobs().existing(List.of()))).isEmpty();
    }

    @Test
    void oneCallerClaimsEachSweep() {
        Instant first = T0;
        assertThat(write((Tx tx) -> tx.blobs().claimSweep(first, first.minusSeconds(3600)))).isTrue();
        assertThat(write((Tx tx) -> tx.blobs().claimSweep(first.plusSeconds(60), first.plusSeconds(60 - 3600))))
                .as("another replica a minute later").isFalse();
        Instant next = first.plusSeconds(3601);
        assertThat(write((Tx tx) -> tx.blobs().claimSweep(next, next.minusSeconds(3600)))).isTrue();
    }

    @Test
    void theLastScrubReplacesTheOneBefore() {
        assertThat(read((Tx tx) -> tx.blobs().lastScrub())).isEmpty();
        ScrubSummary first = new ScrubSummary(T0, Duration.ofMillis(1500), 10, 1_000_000, 1, 2, 3);
        ScrubSummary second = new ScrubSummary(T0.plusSeconds(86_400), Duration.ofMillis(900), 12, 2_000_000, 0, 0, 0);
        write((Tx tx) -> {
            tx.blobs().recordScrub(first);
            return null;
        });
        assertThat(read((Tx tx) -> tx.blobs().lastScrub())).contains(first);
        write((Tx tx) -> {
            tx.blobs().recordScrub(second);
            return null;
        });
        assertThat(read((Tx tx) -> tx.blobs().lastScrub())).contains(second);
    }

    private static List<String> sorted(String... ids) {
        return java.util.Arrays.stream(ids).sorted().toList();
    }

    // ---- transactions ----

    @Test
    void aFailedWriteLeavesNothingBehind() {
        Node file = TestData.file(root, "a.vcf", Map.of("k", "v"), List.of("t"), null);
        assertThatThrownBy(() -> run(tx -> {
            tx.nodes().insert(file);
            throw new IllegalStateException("boom");
        })).hasMessage("boom");
        assertThat(read((Tx tx) -> tx.nodes().byId(file.id()))).isEmpty();
        assertThat(write((Tx tx) -> tx.nodes().insert(file))).isTrue();
    }

    @Test
    void aReadTransactionCannotWrite() {
        assertThatThrownBy(() -> read(tx -> tx.users().insert(TestData.user("mallory"))))
                .isInstanceOf(RuntimeException.class);
        assertThat(read((Tx tx) -> tx.users().byUsername(new Username("mallory")))).isEmpty();
    }

    @Test
    void transactionsDoNotNest() {
        assertThatThrownBy(() -> write(tx -> store.write(inner -> inner.users().count())))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> read(tx -> store.read(inner -> inner.users().count())))
                .isInstanceOf(IllegalStateException.class);
        assertThat(write((Tx tx) -> tx.users().count())).as("the store is still usable").isEqualTo(1);
    }

    /** The server calls the store from virtual threads, whose reads PostgreSQL's store runs elsewhere (ReadThreads). */
    @Test
    void aVirtualThreadReadsWhatWasWrittenAndHearsWhatFailed() throws Exception {
        Node file = TestData.file(root, "a.vcf", Map.of("k", "v"), List.of("t"), null);
        List<Object> seen = new ArrayList<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            run(tx -> tx.nodes().insert(file));
            seen.add(read((Tx tx) -> tx.nodes().byId(file.id())).orElseThrow());
            seen.add(store.readOneStatement(tx -> tx.users().count()));
            try {
                read(tx -> tx.users().insert(TestData.user("mallory")));
            } catch (RuntimeException e) {
                seen.add(e);
            }
            try {
                write(tx -> store.read(inner -> inner.users().count()));
            } catch (IllegalStateException e) {
                seen.add(e.getMessage());
            }
        });
        caller.join();
        assertThat(seen).hasSize(4);
        assertThat(seen.get(0)).isEqualTo(file);
        assertThat(seen.get(1)).isEqualTo(1L);
        assertThat(seen.get(2)).as("a read transaction cannot write").isInstanceOf(RuntimeException.class);
        assertThat(seen.get(3)).as("a read inside a write is refused, wherever reads run").asString().contains("do not nest");
        assertThat(read((Tx tx) -> tx.users().byUsername(new Username("mallory")))).isEmpty();
    }

    @Test
    @Timeout(60)
    void concurrentWritersAndReadersNeverFail() throws Exception {
        Node shared = TestData.folder(root, "shared");
        run(tx -> tx.nodes().insert(shared));
        int threads = 8;
        int writesPerThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads + 2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int i = 0; i < writesPerThread; i++) {
                        String name = "t" + thread + "-" + i;
                        // Read first, then write: the read-to-write upgrade that deadlocks naive SQLite use.
                        run(tx -> {
                            assertThat(tx.nodes().child(shared.id(), name)).isEmpty();
                            assertThat(tx.nodes().insert(TestData.file(shared, name, Map.of("n", name),
                                    List.of("t" + thread), null))).isTrue();
                        });
                    }
                    return null;
                }));
            }
            for (int r = 0; r < 2; r++) {
                futures.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    for (int i = 0; i < 100; i++) {
                        read(tx -> tx.nodes().query(NodeQuery.children(shared.id()), 0, 20));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(read((Tx tx) -> tx.nodes().count(NodeQuery.children(shared.id())))).isEqualTo(threads * writesPerThread);
    }

    // ---- audit trail ----

    @Test
    void auditRecordsRoundTripAndListNewestFirstByProjectUserActionAndTime() {
        AuditRecord full = new AuditRecord("aud_full", T0, "file.rename", "ok", null, "usr_a", "alice", "tok_a", "req_1",
                "10.0.0.7", "ws_1", "alice/p1", "f1", "raw/a.vcf", "{\"from\":\"raw/b.vcf\"}");
        run(tx -> {
            tx.audit().insert(full);
            tx.audit().insert(audit("aud_2", T0.plusSeconds(1), "file.delete", "usr_b", "ws_1"));
            tx.audit().insert(audit("aud_3", T0.plusSeconds(2), "file.download_url", "usr_a", "ws_2"));
            tx.audit().insert(audit("aud_4", T0.plusSeconds(3), "token.create", "usr_a", null));
            tx.audit().insert(audit("aud_5", T0.plusSeconds(4), "folder.create", "usr_b", "ws_2"));
        });
        assertThat(ids(AuditRepository.Query.ALL)).containsExactly("aud_5", "aud_4", "aud_3", "aud_2", "aud_full");
        List<AuditRecord> all = records(AuditRepository.Query.ALL);
        assertThat(all.getLast()).isEqualTo(full);

        assertThat(ids(new AuditRepository.Query("ws_1", null, null, false, null, null))).containsExactly("aud_2", "aud_full");
        assertThat(ids(new AuditRepository.Query(null, "usr_a", null, false, null, null)))
                .containsExactly("aud_4", "aud_3", "aud_full");
        assertThat(ids(new AuditRepository.Query(null, null, "file", true, null, null)))
                .containsExactly("aud_3", "aud_2", "aud_full");
        assertThat(ids(new AuditRepository.Query(null, null, "file.delete", false, null, null))).containsExactly("aud_2");
        assertThat(ids(new AuditRepository.Query(null, null, null, false, T0.plusSeconds(1), T0.plusSeconds(3))))
                .as("since inclusive, until exclusive").containsExactly("aud_3", "aud_2");
        assertThat(ids(new AuditRepository.Query("ws_2", "usr_b", "folder", true, T0, null))).containsExactly("aud_5");
    }

    @Test
    void auditPagesContinueAfterTheLastRecordAlsoWithinTheSameMicrosecond() {
        run(tx -> {
            for (String id : List.of("aud_c", "aud_a", "aud_d", "aud_b")) {
                tx.audit().insert(audit(id, T0, "file.delete", "usr_a", "ws_1"));
            }
            tx.audit().insert(audit("aud_older", T0.minusNanos(1000), "file.delete", "usr_a", "ws_1"));
        });
        List<String> walked = new ArrayList<>();
        AuditRepository.Cursor after = null;
        while (true) {
            AuditRepository.Cursor from = after;
            List<AuditRecord> page = store.read(tx -> tx.audit().query(AuditRepository.Query.ALL, from, 2));
            page.forEach(r -> walked.add(r.id()));
            if (page.size() < 2) {
                break;
            }
            after = new AuditRepository.Cursor(page.getLast().at(), page.getLast().id());
        }
        assertThat(walked).containsExactly("aud_d", "aud_c", "aud_b", "aud_a", "aud_older");
    }

    @Test
    void anAuditRecordIsRolledBackWithItsTransaction() {
        assertThatThrownBy(() -> run(tx -> {
            tx.audit().insert(audit("aud_gone", T0, "file.delete", "usr_a", "ws_1"));
            throw new IllegalStateException("the change failed after its record was written");
        })).hasMessageContaining("the change failed");
        assertThat(ids(AuditRepository.Query.ALL)).isEmpty();
    }

    @Test
    void pruningDeletesOnlyRecordsOlderThanTheCutoffAtMostABatchAtATime() {
        run(tx -> {
            for (int i = 0; i < 5; i++) {
                tx.audit().insert(audit("aud_old" + i, T0.plusSeconds(i), "file.delete", "usr_a", "ws_1"));
            }
            tx.audit().insert(audit("aud_at_cutoff", T0.plusSeconds(10), "file.delete", "usr_a", "ws_1"));
        });
        Instant cutoff = T0.plusSeconds(10);
        assertThat(prune(cutoff, 3)).isEqualTo(3);
        assertThat(ids(AuditRepository.Query.ALL)).as("the oldest went first")
                .containsExactly("aud_at_cutoff", "aud_old4", "aud_old3");
        assertThat(prune(cutoff, 3)).isEqualTo(2);
        assertThat(prune(cutoff, 3)).isZero();
        assertThat(ids(AuditRepository.Query.ALL)).containsExactly("aud_at_cutoff");
    }

    private static AuditRecord audit(String id, Instant at, String action, String userId, String projectId) {
        return new AuditRecord(id, at, action, "ok", null, userId, userId, "tok", "req", "127.0.0.1", projectId,
                projectId, "target", "path", null);
    }

    private List<String> ids(AuditRepository.Query query) {
        return records(query).stream().map(AuditRecord::id).toList();
    }

    private List<AuditRecord> records(AuditRepository.Query query) {
        return store.read(tx -> tx.audit().query(query, null, 100));
    }

    private int prune(Instant cutoff, int batch) {
        return store.write(tx -> tx.audit().deleteBefore(cutoff, batch));
    }

    // ---- helpers ----

    /** What the service does to create a project: the row, its root folder, the owner's membership. */
    private static void createProject(Tx tx, Project p, User owner) {
        assertThat(tx.projects().insert(p)).isTrue();
        assertThat(tx.nodes().insert(TestData.root(p))).isTrue();
        tx.projects().putMember(p.id(), owner.id(), Permissions.ALL);
    }

    private void insertFiles(String... names) {
        run(tx -> {
            for (String name : names) {
                tx.nodes().insert(TestData.file(root, name));
            }
        });
    }

    /** Every node of the query, fetched by keyset pages of {@code pageSize}. */
    private List<Node> walk(NodeQuery query, int pageSize) {
        List<Node> all = new ArrayList<>();
        NodeCursor cursor = null;
        Set<String> seen = new HashSet<>();
        while (true) {
            NodeCursor after = cursor;
            List<Node> page = read(tx -> tx.nodes().queryAfter(query, after, pageSize));
            for (Node n : page) {
                assertThat(seen.add(n.id())).as("duplicate %s", n.name()).isTrue();
            }
            all.addAll(page);
            if (page.size() < pageSize) {
                return all;
            }
            Node last = page.getLast();
            cursor = new NodeCursor(last.isFolder(), last.name(), last.id());
        }
    }

    private static List<String> names(List<Node> nodes) {
        return nodes.stream().map(Node::name).toList();
    }

    private static List<String> keys(List<Node> nodes) {
        return nodes.stream().map(Node::key).toList();
    }

    private <T> T read(Function<Tx, T> work) {
        return store.read(work);
    }

    private <T> T write(Function<Tx, T> work) {
        return store.write(work);
    }

    private void run(Consumer<Tx> work) {
        store.write(tx -> {
            work.accept(tx);
            return null;
        });
    }
}
