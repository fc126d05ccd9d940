package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.store.sql.TestData.T0;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seqvault.domain.Blob;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeType;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Project;
import org.seqvault.domain.TrashItem;
import org.seqvault.domain.User;
import org.seqvault.service.port.BlobRepository;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.MetadataStore.Tx;
import org.seqvault.service.port.NodeQuery;
import org.seqvault.service.port.TrashRepository;

/**
 * What every MetadataStore's trash must do, whatever the database: a trashed node (a folder with its
 * subtree) leaves every view of the namespace and frees its name, keeps its ids, metadata, tags and
 * blob, comes back where it is put, and is purged in batches that note its blobs for the collector.
 */
abstract class TrashStoreContractTest {
    private static final Instant LATER = T0.plus(Duration.ofDays(14));

    private MetadataStore store;
    private Project project;
    private Node root;

    protected abstract MetadataStore newStore();

    @BeforeEach
    void openStoreWithOneProject() {
        store = newStore();
        User alice = TestData.user("alice");
        project = TestData.project(alice, "genomes", false);
        root = TestData.root(project);
        run(tx -> {
            tx.users().insert(alice);
            tx.projects().insert(project);
            tx.nodes().insert(root);
            tx.projects().putMember(project.id(), alice.id(), Permissions.ALL);
        });
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** raw/ holding a.vcf (metadata, tags, a blob) and sub/b.vcf; beside it, names that share raw's prefix. */
    private record Tree(Node raw, Node a, Node sub, Node b, Node rawTxt, Node raw0, Node c, Blob blobA) {
    }

    private Tree tree() {
        Blob blobA = TestData.blob(T0);
        Node raw = TestData.folder(root, "raw");
        Node a = withBlob(TestData.file(raw, "a.vcf", Map.of("sample", "S1", "lane", "3"), List.of("wgs", "qc"), "task-1"),
                blobA.id());
        Node sub = TestData.folder(raw, "sub");
        Node b = TestData.file(sub, "b.vcf", Map.of("sample", "S2"), List.of(), null);
        Node rawTxt = TestData.file(root, "raw.txt");
        Node raw0 = TestData.folder(root, "raw0");
        Node c = TestData.file(raw0, "c.vcf");
        run(tx -> {
            tx.blobs().insert(blobA);
            for (Node n : List.of(raw, a, sub, b, rawTxt, raw0, c)) {
                assertThat(tx.nodes().insert(n)).isTrue();
            }
        });
        return new Tree(raw, a, sub, b, rawTxt, raw0, c, blobA);
    }

    @Test
    void aTrashedFolderLeavesEveryViewOfTheNamespaceAndFreesItsName() {
        Tree t = tree();
        TrashItem item = write((Tx tx) -> tx.trash().put(t.raw(), "alice", T0, LATER));

        assertThat(item.id()).isEqualTo(t.raw().id());
        assertThat(item.key()).isEqualTo("raw/");
        assertThat(item.path()).isEqualTo("raw");
        assertThat(item.files()).isEqualTo(2);
        assertThat(item.size()).isEqualTo(t.a().size() + t.b().size());
        read((Tx tx) -> {
            for (Node gone : List.of(t.raw(), t.a(), t.sub(), t.b())) {
                assertThat(tx.nodes().byId(gone.id())).as(gone.key()).isEmpty();
            }
            assertThat(tx.nodes().byIds(List.of(t.a().id(), t.rawTxt().id()))).extracting(Node::id)
                    .containsExactly(t.rawTxt().id());
            assertThat(tx.nodes().child(root.id(), "raw")).isEmpty();
            assertThat(tx.nodes().fileByKey(project.id(), "raw/a.vcf")).isEmpty();
            assertThat(tx.nodes().filesByKeyPrefix(project.id(), "", null, 100)).extracting(Node::key)
                    .containsExactly("raw.txt", "raw0/c.vcf");
            assertThat(tx.nodes().query(NodeQuery.children(root.id()), 0, 100)).extracting(Node::name)
                    .containsExactly("raw0", "raw.txt");
            assertThat(tx.nodes().query(new NodeQuery(t.raw().id(), null, Map.of("sample", List.of("S1")), List.of(),
                    Map.of()), 0, 10)).isEmpty();
            return null;
        });
        Node again = TestData.folder(root, "raw");
        assertThat(write((Tx tx) -> tx.nodes().insert(again))).as("the name is free again").isTrue();
    }

    @Test
    void aRestoredFolderComesBackWithItsIdsMetadataTagsAndKeysUnderItsNewName() {
        Tree t = tree();
        run(tx -> tx.trash().put(t.raw(), "alice", T0, LATER));
        run(tx -> tx.nodes().insert(TestData.folder(root, "raw")));
        TrashItem item = read((Tx tx) -> tx.trash().item(project.id(), t.raw().id(), T0.plusSeconds(1))).orElseThrow();

        assertThat(write((Tx tx) -> tx.trash().restore(item, root.id(), "_1_raw", "_1_raw/", T0.plusSeconds(1)))).isTrue();

        read((Tx tx) -> {
            Node raw = tx.nodes().byId(t.raw().id()).orElseThrow();
            assertThat(raw.name()).isEqualTo("_1_raw");
            assertThat(raw.key()).isEqualTo("_1_raw/");
            assertThat(raw.parentId()).isEqualTo(root.id());
            Node a = tx.nodes().byId(t.a().id()).orElseThrow();
            assertThat(a).isEqualTo(new Node(t.a().id(), project.id(), t.raw().id(), "a.vcf", NodeType.FILE,
                    "_1_raw/a.vcf", t.blobA().id(), t.a().size(), t.a().checksums(), t.a().contentType(),
                    t.a().description(), "task-1", t.a().metadata(), t.a().tags(), t.a().createdAt(), t.a().modifiedAt()));
            assertThat(tx.nodes().byId(t.b().id()).orElseThrow().key()).isEqualTo("_1_raw/sub/b.vcf");
            assertThat(tx.nodes().byId(t.b().id()).orElseThrow().metadata().values()).containsEntry("sample", "S2");
            assertThat(tx.nodes().fileByKey(project.id(), "_1_raw/sub/b.vcf")).isPresent();
            assertThat(tx.nodes().query(new NodeQuery(t.raw().id(), null, Map.of("sample", List.of("S1")), List.of("qc"),
                    Map.of()), 0, 10)).as("found by its metadata and tags").extracting(Node::id).containsExactly(t.a().id());
            assertThat(tx.trash().item(project.id(), t.raw().id(), T0.plusSeconds(1))).as("no longer in the trash").isEmpty();
            assertThat(tx.trash().count(project.id(), null, T0.plusSeconds(1))).isZero();
            return null;
        });
    }

    @Test
    void aRestoreOntoATakenNameChangesNothing() {
        Tree t = tree();
        TrashItem item = write((Tx tx) -> tx.trash().put(t.a(), "alice", T0, LATER));
        run(tx -> tx.nodes().insert(TestData.file(t.raw(), "a.vcf")));

        assertThat(write((Tx tx) -> tx.trash().restore(item, t.raw().id(), "a.vcf", "raw/a.vcf", T0))).isFalse();

        read((Tx tx) -> {
            assertThat(tx.nodes().byId(t.a().id())).isEmpty();
            assertThat(tx.trash().item(project.id(), t.a().id(), T0)).contains(item);
            return null;
        });
        assertThat(write((Tx tx) -> tx.trash().restore(item, t.raw().id(), "_1_a.vcf", "raw/_1_a.vcf", T0))).isTrue();
        Node back = read((Tx tx) -> tx.nodes().byId(t.a().id())).orElseThrow();
        assertThat(back.metadata()).isEqualTo(t.a().metadata());
        assertThat(back.tags()).isEqualTo(t.a().tags());
    }

    /** A file restored into another folder than the one it was trashed from is found by its metadata and tags there. */
    @Test
    void aFileRestoredElsewhereIsFoundByItsMetadataAndTagsThere() {
        Tree t = tree();
        TrashItem item = write((Tx tx) -> tx.trash().put(t.a(), "alice", T0, LATER));

        assertThat(write((Tx tx) -> tx.trash().restore(item, t.raw0().id(), "a.vcf", "raw0/a.vcf", T0))).isTrue();

        read((Tx tx) -> {
            for (NodeQuery q : List.of(new NodeQuery(t.raw0().id(), null, Map.of("sample", List.of("S1")), null, null),
                    new NodeQuery(t.raw0().id(), null, null, List.of("qc"), null))) {
                assertThat(tx.nodes().query(q, 0, 10)).extracting(Node::id).containsExactly(t.a().id());
                assertThat(tx.nodes().count(q)).isEqualTo(1);
            }
            assertThat(tx.nodes().query(new NodeQuery(t.raw().id(), null, null, List.of("qc"), null), 0, 10)).isEmpty();
            return null;
        });
    }

    /** substr counts characters on both databases, and a key's characters may take 1 to 4 bytes. */
    @Test
    void keysWithCharactersOfEverySizeAreRewrittenWhole() {
        Node folder = TestData.folder(root, "résumé-🧬");
        Node file = TestData.file(folder, "ü-🧬.vcf");
        run(tx -> {
            tx.nodes().insert(folder);
            tx.nodes().insert(file);
        });
        TrashItem item = write((Tx tx) -> tx.trash().put(folder, "alice", T0, LATER));

        assertThat(write((Tx tx) -> tx.trash().restore(item, root.id(), "_1_résumé-🧬", "_1_résumé-🧬/", T0))).isTrue();

        assertThat(read((Tx tx) -> tx.nodes().byId(file.id())).orElseThrow().key()).isEqualTo("_1_résumé-🧬/ü-🧬.vcf");
    }

    @Test
    void theTrashListsNewestFirstByPathAndHidesWhatExpired() {
        Tree t = tree();
        TrashItem first = write((Tx tx) -> tx.trash().put(t.b(), "alice", T0, T0.plusSeconds(100)));
        TrashItem second = write((Tx tx) -> tx.trash().put(t.rawTxt(), "bob", T0.plusSeconds(1), LATER));
        TrashItem third = write((Tx tx) -> tx.trash().put(t.raw(), "alice", T0.plusSeconds(2), LATER));

        assertThat(read((Tx tx) -> tx.trash().list(project.id(), null, T0, 0, 10))).containsExactly(third, second, first);
        assertThat(read((Tx tx) -> tx.trash().list(project.id(), null, T0, 1, 1))).containsExactly(second);
        assertThat(read((Tx tx) -> tx.trash().count(project.id(), null, T0))).isEqualTo(3);
        assertThat(read((Tx tx) -> tx.trash().list(project.id(), "raw", T0, 0, 10))).containsExactly(third);
        assertThat(read((Tx tx) -> tx.trash().list(project.id(), "raw/sub/b.vcf", T0, 0, 10))).containsExactly(first);
        assertThat(read((Tx tx) -> tx.trash().count(project.id(), "raw.txt", T0))).isEqualTo(1);
        assertThat(second.deletedBy()).isEqualTo("bob");

        Instant afterFirstExpired = T0.plusSeconds(100);
        assertThat(read((Tx tx) -> tx.trash().list(project.id(), null, afterFirstExpired, 0, 10))).containsExactly(third, second);
        assertThat(read((Tx tx) -> tx.trash().item(project.id(), first.id(), afterFirstExpired))).isEmpty();
        assertThat(read((Tx tx) -> tx.trash().expired(afterFirstExpired, 10))).containsExactly(first.id());
        assertThat(write((Tx tx) -> tx.trash().restore(first, t.sub().id(), "b.vcf", "raw/sub/b.vcf", afterFirstExpired)))
                .as("expired: no longer restorable").isFalse();
    }

    @Test
    void emptyingExpiresEveryItemOfTheProjectAtOnce() {
        Tree t = tree();
        run(tx -> tx.trash().put(t.a(), "alice", T0, LATER));
        run(tx -> tx.trash().put(t.c(), "alice", T0, LATER));
        Instant now = T0.plusSeconds(5);

        assertThat(write((Tx tx) -> tx.trash().expireAll(project.id(), now)))
                .isEqualTo(new TrashRepository.Expired(2, 2, t.a().size() + t.c().size()));

        assertThat(read((Tx tx) -> tx.trash().count(project.id(), null, now))).isZero();
        assertThat(read((Tx tx) -> tx.trash().expired(now, 10))).containsExactlyInAnyOrder(t.a().id(), t.c().id());
        assertThat(write((Tx tx) -> tx.trash().expireAll(project.id(), now)).items()).isZero();
    }

    @Test
    void aTrashedFileKeepsItsBlobUntilPurgedAndACopyKeepsItAfter() {
        Tree t = tree();
        Blob shared = TestData.blob(T0);
        Node original = withBlob(TestData.file(root, "shared.bam"), shared.id());
        Node copy = withBlob(TestData.file(t.raw0(), "shared.bam"), shared.id());
        run(tx -> {
            tx.blobs().insert(shared);
            tx.nodes().insert(original);
            tx.nodes().insert(copy);
        });
        run(tx -> tx.trash().put(t.raw(), "alice", T0, T0.plusSeconds(10)));
        run(tx -> tx.trash().put(original, "alice", T0, T0.plusSeconds(10)));
        run(tx -> tx.nodes().delete(copy.id()));
        Instant later = T0.plus(Duration.ofDays(30));

        assertThat(write((Tx tx) -> tx.blobs().releaseUnreferenced(List.of(t.blobA().id(), shared.id()))))
                .as("trashed files still point to both").isEmpty();
        assertThat(read((Tx tx) -> tx.blobs().unreferenced(later, 100))).extracting(Blob::id)
                .doesNotContain(t.blobA().id(), shared.id());
        assertThat(write((Tx tx) -> tx.blobs().noteAllUnreferenced())).isZero();

        purgeAll(later, 1);

        assertThat(read((Tx tx) -> tx.blobs().reclaimable(null, 100))).contains(t.blobA().id(), shared.id());
        assertThat(write((Tx tx) -> tx.blobs().releaseUnreferenced(List.of(t.blobA().id(), shared.id()))))
                .extracting(BlobRepository.Released::id).containsExactlyInAnyOrder(t.blobA().id(), shared.id());
        assertThat(read((Tx tx) -> tx.trash().expired(later, 10))).isEmpty();
    }

    @Test
    void aPurgedFileWhoseCopyLivesOnKeepsItsBlob() {
        Tree t = tree();
        Node copy = withBlob(TestData.file(t.raw0(), "copy.vcf"), t.blobA().id());
        run(tx -> tx.nodes().insert(copy));
        run(tx -> tx.trash().put(t.a(), "alice", T0, T0.plusSeconds(1)));

        purgeAll(T0.plusSeconds(1), 500);

        assertThat(read((Tx tx) -> tx.blobs().reclaimable(null, 100))).contains(t.blobA().id());
        assertThat(write((Tx tx) -> tx.blobs().releaseUnreferenced(List.of(t.blobA().id())))).isEmpty();
        assertThat(read((Tx tx) -> tx.blobs().exists(t.blobA().id()))).isTrue();
    }

    @Test
    void aPurgeGoesInBatchesAndRemovesTheItemLast() {
        Tree t = tree();
        run(tx -> tx.trash().put(t.raw(), "alice", T0, T0.plusSeconds(1)));
        Instant now = T0.plusSeconds(1);

        assertThat(write((Tx tx) -> tx.trash().purge(t.raw().id(), 3))).isEqualTo(3);
        assertThat(read((Tx tx) -> tx.trash().expired(now, 10))).as("one node left").containsExactly(t.raw().id());
        assertThat(write((Tx tx) -> tx.trash().purge(t.raw().id(), 3))).isEqualTo(1);
        assertThat(read((Tx tx) -> tx.trash().expired(now, 10))).isEmpty();
        assertThat(write((Tx tx) -> tx.trash().purge(t.raw().id(), 3))).isZero();
        assertThat(write((Tx tx) -> tx.blobs().releaseUnreferenced(List.of(t.blobA().id()))))
                .as("no trashed node points to its blob any more").hasSize(1);
    }

    @Test
    void deletingATreeTakesTheFolderAndEverythingBelowItAndNotesTheirBlobs() {
        Tree t = tree();

        assertThat(write((Tx tx) -> tx.nodes().deleteTree(t.raw()))).isEqualTo(4);

        read((Tx tx) -> {
            for (Node gone : List.of(t.raw(), t.a(), t.sub(), t.b())) {
                assertThat(tx.nodes().byId(gone.id())).as(gone.key()).isEmpty();
            }
            for (Node kept : List.of(t.rawTxt(), t.raw0(), t.c())) {
                assertThat(tx.nodes().byId(kept.id())).as(kept.key()).isPresent();
            }
            assertThat(tx.blobs().reclaimable(null, 10)).containsExactly(t.blobA().id());
            assertThat(tx.trash().count(project.id(), null, T0)).isZero();
            return null;
        });
    }

    @Test
    void deletingAProjectTakesItsTrashAndNotesTheBlobs() {
        Tree t = tree();
        run(tx -> tx.trash().put(t.raw(), "alice", T0, LATER));
        run(tx -> tx.projects().delete(project.id()));

        assertThat(read((Tx tx) -> tx.projects().byId(project.id()))).isEmpty();
        assertThat(read((Tx tx) -> tx.blobs().reclaimable(null, 10))).contains(t.blobA().id());
        assertThat(write((Tx tx) -> tx.blobs().releaseUnreferenced(List.of(t.blobA().id()))))
                .extracting(BlobRepository.Released::id).containsExactly(t.blobA().id());
    }

    /** What the collector does: every expired item, in batches of {@code batch} nodes. */
    private void purgeAll(Instant now, int batch) {
        for (String id : read((Tx tx) -> tx.trash().expired(now, 100))) {
            while (write((Tx tx) -> tx.trash().purge(id, batch)) == batch) {
                // the next batch
            }
        }
    }

    private static Node withBlob(Node f, String blobId) {
        return new Node(f.id(), f.projectId(), f.parentId(), f.name(), f.type(), f.key(), blobId, f.size(),
                f.checksums(), f.contentType(), f.description(), f.originTask(), f.metadata(), f.tags(),
                f.createdAt(), f.modifiedAt());
    }

    private <T> T read(Function<Tx, T> work) {
        return store.read(work);
    }

    private <T> T write(Function<Tx, T> work) {
        return store.write(work);
    }

    private void run(Consumer<Tx> work) {
        store.write((Tx tx) -> {
            work.accept(tx);
            return null;
        });
    }
}
