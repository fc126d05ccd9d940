package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seqvault.store.sql.TestDatabase.sql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.seqvault.domain.Metadata;
import org.seqvault.domain.Node;
import org.seqvault.domain.Project;
import org.seqvault.domain.TrashItem;
import org.seqvault.domain.User;
import org.seqvault.service.port.MetadataStore.Tx;
import org.seqvault.service.port.NodeQuery;
import org.seqvault.service.port.NodeRepository;

/**
 * V14 gives metadata and tag rows their file's folder, which the filters read: an installation that
 * holds files before it finds them by their metadata and tags after the upgrade, and so do rows that
 * a replica of the previous version writes afterwards through statements that know nothing of the
 * column (an insert without it, a move of the node alone). Since V15 the store's own statements
 * write the column, and the insert triggers run only for such rows.
 */
class MetadataByFolderMigrationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void filesOfAnUpgradedDatabaseAndRowsWrittenTheOldWayAreFoundInTheirFolder(TestDatabase database) throws SQLException {
        TestDatabase.Location db = database.create(dir);
        db.migrateTo("13");
        User alice = TestData.user("alice");
        Project project = TestData.project(alice, "genomes", false);
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
            sql(c, "INSERT INTO users (id, username, created_at) VALUES (?, ?, 0)", alice.id(), "alice");
            sql(c, "INSERT INTO projects (id, owner, slug, root_folder_id, name, is_public, created_at, modified_at)"
                    + " VALUES (?, 'alice', 'genomes', ?, 'genomes', 0, 0, 0)", project.id(), project.rootFolderId());
            sql(c, "INSERT INTO nodes (id, project_id, parent_id, name, is_folder, node_key, size, created_at, modified_at)"
                    + " VALUES (?, ?, NULL, '', 1, '', 0, 0, 0)", project.rootFolderId(), project.id());
            for (String folder : List.of("raw", "done")) {
                sql(c, "INSERT INTO nodes (id, project_id, parent_id, name, is_folder, node_key, size, created_at,"
                        + " modified_at) VALUES (?, ?, ?, ?, 1, ?, 0, 0, 0)", folder, project.id(), project.rootFolderId(),
                        folder, folder + "/");
            }
            file(c, project, "f1", "raw", "a.bam");
            sql(c, "INSERT INTO node_metadata (node_id, meta_key, meta_value) VALUES ('f1', 'sample', 'S1')");
            sql(c, "INSERT INTO node_tags (node_id, tag, position) VALUES ('f1', 'qc', 0)");
        }

        try (SqlMetadataStore store = db.open()) {
            assertThat(found(store, "raw")).as("a file from before the upgrade").containsExactly("f1");
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                // What a replica of the previous version sends: rows without the folder, a move of the node alone.
                file(c, project, "f2", "raw", "b.bam");
                sql(c, "INSERT INTO node_metadata (node_id, meta_key, meta_value) VALUES ('f2', 'sample', 'S1')");
                sql(c, "INSERT INTO node_tags (node_id, tag, position) VALUES ('f2', 'qc', 0)");
                assertThat(found(store, "raw")).as("rows inserted without the folder").containsExactly("f1", "f2");
                sql(c, "UPDATE nodes SET parent_id = 'done', node_key = 'done/a.bam' WHERE id = 'f1'");
            }
            assertThat(found(store, "raw")).as("after a move").containsExactly("f2");
            assertThat(found(store, "done")).containsExactly("f1");
        }
    }

    /**
     * With the insert triggers gone, every way the store writes metadata and tags (a new file, an
     * update that moves it and changes them, a copy, a restore from the trash elsewhere) still puts
     * the rows in the file's folder: the store names it, so the triggers' per-row lookup is not spent.
     */
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theStoreNamesTheFolderOfEveryRowItWrites(TestDatabase database) throws SQLException {
        TestDatabase.Location db = database.create(dir);
        User alice = TestData.user("alice");
        Project project = TestData.project(alice, "genomes", false);
        Node root = TestData.root(project);
        Node raw = TestData.folder(root, "raw");
        Node done = TestData.folder(root, "done");
        Node file = TestData.file(raw, "a.bam", Map.of("sample", "S1"), List.of("qc"), null);
        Instant later = TestData.T0.plusSeconds(10);
        try (SqlMetadataStore store = db.open()) {
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                for (String table : List.of("node_metadata", "node_tags")) {
                    // PostgreSQL's triggers are named per table, SQLite's per schema.
                    sql(c, "DROP TRIGGER " + table + "_in_the_folder" + (database == TestDatabase.SQLITE ? "" : " ON " + table));
                }
            }
            store.write(tx -> {
                tx.users().insert(alice);
                tx.projects().insert(project);
                for (Node node : List.of(root, raw, done, file)) {
                    tx.nodes().insert(node);
                }
                return null;
            });
            assertThat(found(store, raw.id())).as("a new file").containsExactly(file.id());

            Node moved = file.withPlace(done.id(), "a.bam", "done/a.bam", later)
                    .withMetadata(new Metadata(Map.of("sample", "S1", "lane", "2")), later);
            assertThat(store.write((Tx tx) -> tx.nodes().update(moved))).isTrue();
            assertThat(found(store, done.id())).as("moved with new metadata").containsExactly(file.id());
            assertThat(found(store, raw.id())).isEmpty();

            String copy = TestData.objectId();
            store.write(tx -> tx.nodes().insertCopies(project.id(), raw.id(),
                    List.of(new NodeRepository.CopyOf(file.id(), copy, "raw/a.bam")), later));
            assertThat(found(store, raw.id())).as("a copy").containsExactly(copy);

            Node stored = store.read(tx -> tx.nodes().byId(file.id())).orElseThrow();
            TrashItem item = store.write(tx -> tx.trash().put(stored, "alice", later, later.plusSeconds(3600)));
            assertThat(store.write((Tx tx) -> tx.trash().restore(item, raw.id(), "b.bam", "raw/b.bam", later))).isTrue();
            assertThat(found(store, raw.id())).as("restored elsewhere").containsExactlyInAnyOrder(copy, file.id());
            assertThat(found(store, done.id())).isEmpty();
        }
    }

    /** The ids a metadata filter finds in the folder, checked to be those a tag filter finds. */
    private static List<String> found(SqlMetadataStore store, String folder) {
        NodeQuery byMetadata = new NodeQuery(folder, null, Map.of("sample", List.of("S1")), null, null);
        NodeQuery byTag = new NodeQuery(folder, null, null, List.of("qc"), null);
        return store.read(tx -> {
            List<String> ids = tx.nodes().query(byMetadata, 0, 10).stream().map(Node::id).toList();
            assertThat(tx.nodes().query(byTag, 0, 10)).extracting(Node::id).as("by tag").isEqualTo(ids);
            return ids;
        });
    }

    private static void file(Connection c, Project project, String id, String folder, String name) throws SQLException {
        sql(c, "INSERT INTO nodes (id, project_id, parent_id, name, is_folder, node_key, size, created_at, modified_at)"
                + " VALUES (?, ?, ?, ?, 0, ?, 0, 0, 0)", id, project.id(), folder, name, folder + "/" + name);
    }
}
