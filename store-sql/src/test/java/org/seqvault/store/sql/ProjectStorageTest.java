package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.store.sql.TestData.T0;
import static org.seqvault.store.sql.TestDatabase.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seqvault.domain.Node;
import org.seqvault.domain.Permissions;
import org.seqvault.domain.Project;
import org.seqvault.domain.ProjectStorage;
import org.seqvault.domain.Quota;
import org.seqvault.domain.UploadSession;
import org.seqvault.domain.UploadState;
import org.seqvault.domain.Usage;
import org.seqvault.domain.User;
import org.seqvault.service.port.MetadataStore.Tx;

/**
 * A project's usage follows its file rows in the same transaction, whatever adds or removes them,
 * its unfinished uploads reserve what they declared, and installations that already hold files
 * start with the right counts.
 */
class ProjectStorageTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void usageCountsFilesNotFoldersAndFollowsEveryInsertAndDelete(TestDatabase database) {
        try (SqlMetadataStore store = database.create(dir).open()) {
            User alice = TestData.user("alice");
            Project genomes = TestData.project(alice, "genomes", false);
            Node root = TestData.root(genomes);
            store.write(tx -> {
                tx.users().insert(alice);
                createProject(tx, genomes, alice);
                return null;
            });
            assertThat(storage(store, genomes)).as("a new project")
                    .isEqualTo(new ProjectStorage(Quota.NONE, Usage.NONE));

            Node raw = TestData.folder(root, "raw");
            Node a = TestData.file(raw, "a.bam");
            Node b = TestData.file(raw, "b.bam");
            store.write(tx -> {
                tx.nodes().insert(raw);
                tx.nodes().insert(a);
                tx.nodes().insert(b);
                assertThat(tx.nodes().insert(TestData.file(raw, "a.bam"))).as("a name clash inserts nothing").isFalse();
                assertThat(tx.storage().of(genomes.id()).usage()).as("within the inserting transaction")
                        .isEqualTo(new Usage(84, 2, 0, 0));
                return null;
            });
            assertThat(usage(store, genomes)).isEqualTo(new Usage(84, 2, 0, 0));

            store.write(tx -> {
                tx.nodes().delete(a.id());
                return null;
            });
            assertThat(usage(store, genomes)).isEqualTo(new Usage(42, 1, 0, 0));

            try {
                store.write(tx -> {
                    tx.nodes().insert(TestData.file(raw, "c.bam"));
                    throw new IllegalStateException("rolled back");
                });
            } catch (IllegalStateException expected) {
                // The insert went with its transaction, and so did its count.
            }
            assertThat(usage(store, genomes)).as("after a rolled-back insert").isEqualTo(new Usage(42, 1, 0, 0));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void unfinishedUploadsReserveTheirDeclaredSizeUntilTheyEnd(TestDatabase database) {
        try (SqlMetadataStore store = database.create(dir).open()) {
            User alice = TestData.user("alice");
            Project genomes = TestData.project(alice, "genomes", false);
            Project other = TestData.project(alice, "other", false);
            store.write(tx -> {
                tx.users().insert(alice);
                createProject(tx, genomes, alice);
                createProject(tx, other, alice);
                for (UploadState state : UploadState.values()) {
                    tx.uploads().insert(session(alice, genomes, state, 1000));
                }
                tx.uploads().insert(session(alice, other, UploadState.OPEN, 7));
                return null;
            });
            // OPEN (1000) and COMPLETING (1000) reserve; DONE, ABORTED and EXPIRED do not.
            assertThat(usage(store, genomes)).isEqualTo(new Usage(0, 0, 2000, 2));
            assertThat(usage(store, other)).isEqualTo(new Usage(0, 0, 7, 1));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void quotasRoundTripAndManyProjectsAreReadAtOnce(TestDatabase database) {
        try (SqlMetadataStore store = database.create(dir).open()) {
            User alice = TestData.user("alice");
            Project genomes = TestData.project(alice, "genomes", false);
            Project other = TestData.project(alice, "other", false);
            store.write(tx -> {
                tx.users().insert(alice);
                createProject(tx, genomes, alice);
                createProject(tx, other, alice);
                tx.nodes().insert(TestData.file(TestData.root(other), "x.vcf"));
                tx.storage().setQuota(genomes.id(), new Quota(5L << 40, null));
                tx.storage().setQuota(other.id(), new Quota(null, 10L));
                return null;
            });
            Map<String, ProjectStorage> both = store.read(tx -> tx.storage().of(List.of(genomes.id(), other.id(),
                    "ws_deleted")));
            assertThat(both.get(genomes.id())).isEqualTo(new ProjectStorage(new Quota(5L << 40, null), Usage.NONE));
            assertThat(both.get(other.id())).isEqualTo(new ProjectStorage(new Quota(null, 10L),
                    new Usage(42, 1, 0, 0)));
            assertThat(both.get("ws_deleted")).as("a project that is gone").isEqualTo(ProjectStorage.EMPTY);

            store.write(tx -> {
                tx.storage().setQuota(genomes.id(), Quota.NONE);
                return null;
            });
            assertThat(storage(store, genomes).quota()).isEqualTo(Quota.NONE);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void deletingAProjectDeletesItsStorage(TestDatabase database) {
        try (SqlMetadataStore store = database.create(dir).open()) {
            User alice = TestData.user("alice");
            Project genomes = TestData.project(alice, "genomes", false);
            store.write(tx -> {
                tx.users().insert(alice);
                createProject(tx, genomes, alice);
                tx.nodes().insert(TestData.file(TestData.root(genomes), "x.vcf"));
                tx.storage().setQuota(genomes.id(), new Quota(100L, 100L));
                return null;
            });
            store.write(tx -> {
                tx.projects().delete(genomes.id());
                return null;
            });
            assertThat(storage(store, genomes)).isEqualTo(ProjectStorage.EMPTY);
            store.write(tx -> {
                createProject(tx, genomes, alice);
                return null;
            });
            assertThat(storage(store, genomes)).as("created again: nothing kept")
                    .isEqualTo(new ProjectStorage(Quota.NONE, Usage.NONE));
        }
    }

    /** Statements that add or remove many files of several projects at once (PostgreSQL counts per statement). */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void oneStatementOverManyFilesOfSeveralProjectsCountsEachProject(TestDatabase database) throws SQLException {
        TestDatabase.Location db = database.create(dir);
        User alice = TestData.user("alice");
        Project one = TestData.project(alice, "one", false);
        Project two = TestData.project(alice, "two", false);
        try (SqlMetadataStore store = db.open()) {
            store.write(tx -> {
                tx.users().insert(alice);
                createProject(tx, one, alice);
                createProject(tx, two, alice);
                return null;
            });
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                String row = "(?, ?, ?, ?, ?, ?, ?, 0, 0)";
                sql(c, "INSERT INTO nodes (id, project_id, parent_id, name, is_folder, node_key, size, created_at,"
                                + " modified_at) VALUES " + String.join(", ", row, row, row, row),
                        "m1", one.id(), one.rootFolderId(), "a", 0, "a", 100,
                        "m2", one.id(), one.rootFolderId(), "b", 0, "b", 200,
                        "m3", two.id(), two.rootFolderId(), "c", 0, "c", 400,
                        "m4", two.id(), two.rootFolderId(), "d", 1, "d/", 0);
                assertThat(usage(store, one)).isEqualTo(new Usage(300, 2, 0, 0));
                assertThat(usage(store, two)).as("a folder is no file").isEqualTo(new Usage(400, 1, 0, 0));
                sql(c, "DELETE FROM nodes WHERE id IN ('m2', 'm3', 'm4')");
                assertThat(usage(store, one)).isEqualTo(new Usage(100, 1, 0, 0));
                assertThat(usage(store, two)).isEqualTo(Usage.NONE);
            }
        }
    }

    /**
     * A database that holds files before V8 (here made at V5, the version before it in this
     * branch) gets every project's counts when it is migrated, and they follow the rows from then on.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anUpgradedDatabaseStartsWithTheCountsOfTheFilesItHolds(TestDatabase database) throws SQLException {
        TestDatabase.Location db = database.create(dir);
        db.migrateTo("5");
        User alice = TestData.user("alice");
        Project full = TestData.project(alice, "full", false);
        Project empty = TestData.project(alice, "empty", false);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            sql(c, "INSERT INTO users (id, username, created_at) VALUES (?, ?, 0)", alice.id(), "alice");
            for (Project p : List.of(full, empty)) {
                sql(c, "INSERT INTO projects (id, owner, slug, root_folder_id, name, is_public, created_at, modified_at)"
                        + " VALUES (?, 'alice', ?, ?, ?, 0, 0, 0)", p.id(), p.ref().slug(), p.rootFolderId(), p.name());
                sql(c, "INSERT INTO nodes (id, project_id, parent_id, name, is_folder, node_key, size, created_at,"
                        + " modified_at) VALUES (?, ?, NULL, '', 1, '', 0, 0, 0)", p.rootFolderId(), p.id());
            }
            sql(c, "INSERT INTO nodes (id, project_id, parent_id, name, is_folder, node_key, size, created_at,"
                    + " modified_at) VALUES (?, ?, ?, 'raw', 1, 'raw/', 0, 0, 0)", "f0", full.id(), full.rootFolderId());
            for (int i = 1; i <= 3; i++) {
                sql(c, "INSERT INTO nodes (id, project_id, parent_id, name, is_folder, node_key, size, created_at,"
                        + " modified_at) VALUES (?, ?, 'f0', ?, 0, ?, " + (i * 1000) + ", 0, 0)",
                        "n" + i, full.id(), "r" + i + ".bam", "raw/r" + i + ".bam");
            }
        }
        try (SqlMetadataStore store = db.open()) {
            assertThat(usage(store, full)).isEqualTo(new Usage(6000, 3, 0, 0));
            assertThat(usage(store, empty)).isEqualTo(Usage.NONE);
            store.write(tx -> {
                tx.nodes().delete("n2");
                return null;
            });
            assertThat(usage(store, full)).isEqualTo(new Usage(4000, 2, 0, 0));
        }
    }

    private static ProjectStorage storage(SqlMetadataStore store, Project p) {
        return store.read(tx -> tx.storage().of(p.id()));
    }

    private static Usage usage(SqlMetadataStore store, Project p) {
        return store.read(tx -> tx.storage().of(p.id()).usage());
    }

    private static UploadSession session(User user, Project project, UploadState state, long size) {
        UploadSession s = TestData.upload(user, project, T0, T0.plusSeconds(3600));
        return new UploadSession(s.id(), s.userId(), s.projectId(), s.parentId(), s.folderPath(), s.name(), size, size,
                1, false, state, s.contentType(), null, null, null, null, null, s.createdAt(), s.expiresAt());
    }

    private static void createProject(Tx tx, Project p, User owner) {
        assertThat(tx.projects().insert(p)).isTrue();
        assertThat(tx.nodes().insert(TestData.root(p))).isTrue();
        tx.projects().putMember(p.id(), owner.id(), Permissions.ALL);
    }
}
