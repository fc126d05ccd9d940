package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqvault.domain.Node;
import org.seqvault.domain.NodeType;
import org.seqvault.domain.TrashItem;
import org.seqvault.service.port.MetadataStore.Tx;
import org.seqvault.service.port.NodeQuery;
import org.seqvault.service.port.NodeRepository.NodeCursor;
import org.seqvault.testkit.stores.TestPostgres;

/**
 * The queries the APIs run, planned by PostgreSQL on a namespace of about 200,000 nodes with
 * metadata and tags (plans/large-namespace.sql): each must reach its rows through the index
 * named here, and no statement may read a table sequentially. The statements are the ones the
 * repositories execute, recorded from the driver, so a changed query is checked as it is now.
 * Every plan is written to target/query-plans.txt; docs/indexes.md keeps the ones we rely on.
 */
class PostgresQueryPlanTest {
    private static final String BIG_FOLDER = "dir-0000-0";
    private static final String BIG_PROJECT = "ws_0000";
    /** One of the 990 folders of about 180 files each. */
    private static final String SMALL_FOLDER = "dir-0042-3";
    private static final String SMALL_PROJECT = "ws_0042";
    /** The file f010001 in the middle of the big folder, and the folder f010000 just before it. */
    private static final NodeCursor AFTER_FILE = new NodeCursor(false, "f010001", "000000000000000000002711");
    private static final NodeCursor AFTER_FOLDER = new NodeCursor(true, "f010000", "000000000000000000002710");
    private static final Pattern LONG_ARRAY = Pattern.compile("'\\{([^,}]+),[^}]*}'::text\\[]");
    private static final Pattern LONG_IN_LIST = Pattern.compile("IN \\((\\('[^']*'\\))(, \\('[^']*'\\))+\\)");
    private static final Map<String, String> PLANS = new ConcurrentSkipListMap<>();
    private static final StatementRecorder RECORDER = new StatementRecorder();
    private static Jdbi jdbi;

    @BeforeAll
    static void loadALargeNamespace() throws Exception {
        TestPostgres.Database db = TestPostgres.newDatabase();
        SqlMetadataStore.open(db.jdbcUrl(), db.user(), db.password()).close();
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute(resource("/plans/large-namespace.sql"));
            s.execute("VACUUM ANALYZE");
        }
        jdbi = Jdbi.create(() -> DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password()))
                .setTemplateEngine(TemplateEngine.NOP);
        jdbi.addCustomizer(RECORDER);
    }

    @AfterAll
    static void writePlans() throws IOException {
        StringBuilder out = new StringBuilder();
        PLANS.forEach((label, plan) -> out.append("== ").append(label).append('\n').append(plan).append('\n'));
        Files.writeString(Path.of("target", "query-plans.txt"), out);
    }

    // ---- listings (v2 GET /files, folders, scroll) ----

    @Test
    void childrenPageWalksTheListingIndexInOrder() {
        assertPlan("children page", tx -> tx.nodes().query(NodeQuery.children(BIG_FOLDER), 0, 50),
                "Index Scan using nodes_listing on nodes");
    }

    @Test
    void nameContainsReadsOnlyTheFolderThroughAnIndexAndCountsInTheSameQuery() {
        NodeQuery contains = new NodeQuery(BIG_FOLDER, null, null, null, null, "F0100");
        assertPlan("name contains, counted page", tx -> tx.nodes().queryCounted(contains, 0, 50),
                "Index Cond: (parent_id = 'dir-0000-0'::text)", "~~");
    }

    @Test
    void childrenTotalIsCountedFromAnIndex() {
        assertPlan("children total", tx -> tx.nodes().count(NodeQuery.children(BIG_FOLDER)),
                "Index Cond: (parent_id = 'dir-0000-0'::text)");
    }

    @Test
    void nameFilterProbesTheParentAndNameKey() {
        assertPlan("name filter", tx -> tx.nodes().query(
                        new NodeQuery(BIG_FOLDER, List.of("f000017", "f000018"), null, null, null), 0, 50),
                "Index Scan using nodes_parent_id_name_key");
    }

    /** The folder's own entries of the value, one range of (folder, key, value, node), then each match by id. */
    @Test
    void metadataFilterReadsTheFoldersRangeOfTheValueIndex() {
        assertPlan("metadata filter", tx -> tx.nodes().query(
                        new NodeQuery(BIG_FOLDER, null, Map.of("sample_id", List.of("S17", "S18")), null, null), 0, 50),
                "node_metadata_in_folder", "(parent_id = 'dir-0000-0'::text COLLATE \"C\") AND (meta_key = 'sample_id'::text)",
                "Index Scan using nodes_pkey", "node_metadata_pkey", "node_tags_pkey");
        assertPlan("metadata filter, two keys", tx -> tx.nodes().query(new NodeQuery(BIG_FOLDER, null,
                        Map.of("sample_id", List.of("S17"), "library_id", List.of("L17")), null, null), 0, 50),
                "node_metadata_in_folder");
        assertPlan("metadata filter total", tx -> tx.nodes().count(
                        new NodeQuery(BIG_FOLDER, null, Map.of("sample_id", List.of("S17")), null, null)),
                "node_metadata_in_folder");
    }

    /**
     * Keys whose values each match a large share of the folder: one value's entries in the folder
     * are still one range of the index (a project-wide range would hold tens of thousands), and the
     * other key is checked on those files alone. The statistics object of db/postgresql/V3_1 gives
     * the planner the counts of each (key, value).
     */
    @Test
    void commonMetadataValuesAreReadFromTheFoldersRangeOfTheValueIndex() {
        NodeQuery common = new NodeQuery(SMALL_FOLDER, null, Map.of("platform", List.of("ILLUMINA"),
                "experimental_strategy", List.of("WGS")), null, null);
        // Index-only or bitmap, as the visibility map allows (see tagFilterUsesATagIndex).
        String folderRange = "(Index Only Scan using|Bitmap Index Scan on) node_metadata_in_folder[^\n]*\n\\s*"
                + "Index Cond: \\(\\(parent_id = 'dir-0042-3'";
        assertPlanMatches("metadata filter, two common values", tx -> tx.nodes().query(common, 0, 50), folderRange);
        assertPlanMatches("metadata filter, two common values, total", tx -> tx.nodes().count(common), folderRange);
    }

    /**
     * What makes the plan above hold on large tables: the planner knows a value's key (the
     * statistics object of db/postgresql/V3_1). Without it the two conditions multiply, and on
     * the 1,000,000-file benchmark the estimate was 27,085 rows for 250,012, which made reading
     * every match and hashing it against the folder look cheaper than probing the folder's files.
     */
    @Test
    void theCountOfACommonMetadataValueIsEstimatedFromItsKeyAndValueTogether() {
        String rows = "SELECT 1 FROM node_metadata WHERE meta_key = 'experimental_strategy' AND meta_value = 'WGS'";
        long actual = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM (" + rows + ") m").mapTo(Long.class).one());
        String plan = jdbi.withHandle(h -> h.createQuery("EXPLAIN " + rows).mapTo(String.class).list().getFirst());
        Matcher estimate = Pattern.compile("rows=(\\d+)").matcher(plan);
        assertThat(estimate.find()).as(plan).isTrue();
        assertThat(Long.parseLong(estimate.group(1))).as(plan).isBetween(actual / 2, actual * 2);
    }

    /**
     * The driver runs a statement used five times as a server-side prepared one, and PostgreSQL
     * may then switch it to a generic plan that ignores the values: it expects a few rows per
     * (key, value) and starts from the value index whatever the value. The store's sessions
     * (Dialect.POSTGRESQL_SESSION) keep every execution planned for its own values.
     */
    @Test
    void aStatementRunManyTimesIsStillPlannedForItsValues() {
        String plan = jdbi.withHandle(h -> {
            h.execute(Dialect.POSTGRESQL_SESSION);
            h.execute("PREPARE common(text, text, text) AS SELECT COUNT(*) FROM nodes n WHERE n.parent_id = $1 AND EXISTS"
                    + " (SELECT 1 FROM node_metadata md WHERE md.parent_id = $1 AND md.node_id = n.id AND md.meta_key = $2"
                    + " AND md.meta_value = $3)");
            for (int i = 0; i < 10; i++) {
                h.createQuery("EXECUTE common('dir-0042-3', 'platform', 'ILLUMINA')").mapTo(Long.class).one();
            }
            List<String> lines = h.createQuery("EXPLAIN EXECUTE common('dir-0042-3', 'platform', 'ILLUMINA')")
                    .mapTo(String.class).list();
            h.execute("DEALLOCATE common");
            return String.join("\n", lines);
        });
        PLANS.put("metadata filter, prepared and run ten times", plan);
        assertThat(plan).contains("'ILLUMINA'::text").doesNotContain("$3");
    }

    /**
     * Index-only or bitmap scan of the tag index, as the visibility map allows: the "delete a file"
     * plan runs its delete (cascading to node_tags) before rolling it back, which clears all-visible
     * bits, and both plans were seen in full builds.
     */
    @Test
    void tagFilterUsesATagIndex() {
        assertPlanMatches("tag filter, rare tag", tx -> tx.nodes().query(
                        new NodeQuery(BIG_FOLDER, null, null, List.of("qc-failed"), null), 0, 50),
                TAG_INDEX_SCAN);
        assertPlanMatches("tag filter, common tag", tx -> tx.nodes().query(
                        new NodeQuery(BIG_FOLDER, null, null, List.of("tag7"), null), 0, 50),
                ANY_TAG_INDEX_SCAN);
        assertPlanMatches("tag filter total", tx -> tx.nodes().count(
                        new NodeQuery(BIG_FOLDER, null, null, List.of("tag7"), null)),
                ANY_TAG_INDEX_SCAN);
    }

    @Test
    void originFilterUsesThePartialOriginIndex() {
        NodeQuery byTask = new NodeQuery(BIG_FOLDER, null, null, null, Map.of("task", "task-7"));
        assertPlan("origin filter", tx -> tx.nodes().query(byTask, 0, 50), "using nodes_by_origin");
        assertPlan("origin filter total", tx -> tx.nodes().count(byTask), "using nodes_by_origin");
    }

    @Test
    void keysetScrollSeeksIntoTheListingIndex() {
        assertPlan("scroll after a file", tx -> tx.nodes().queryAfter(NodeQuery.children(BIG_FOLDER), AFTER_FILE, 50),
                "Index Scan using nodes_listing", "ROW(name, id) > ROW('f010001'");
        assertPlan("scroll after a folder", tx -> tx.nodes().queryAfter(NodeQuery.children(BIG_FOLDER), AFTER_FOLDER, 50),
                "Index Scan using nodes_listing");
        assertPlan("scroll with a tag filter", tx -> tx.nodes().queryAfter(
                        new NodeQuery(BIG_FOLDER, null, null, List.of("tag7"), null), AFTER_FILE, 50),
                "using node_tags_");
    }

    // ---- v1 by key ----

    @Test
    void v1PrefixListingIsARangeOnTheKeyIndex() {
        assertPlan("v1 prefix listing", tx -> tx.nodes().filesByKeyPrefix(BIG_PROJECT, "dir0/", null, 100),
                "Index Scan using nodes_by_key", "(node_key >= 'dir0/'::text) AND (node_key < 'dir00'::text)");
        assertPlan("v1 prefix listing after a cursor",
                tx -> tx.nodes().filesByKeyPrefix(BIG_PROJECT, "dir0/", "dir0/f010001", 100),
                "Index Scan using nodes_by_key", "(node_key > 'dir0/f010001'::text)");
        assertPlan("v1 listing without prefix", tx -> tx.nodes().filesByKeyPrefix(BIG_PROJECT, "", null, 100),
                "Index Scan using nodes_by_key");
    }

    @Test
    void singleNodeLookupsUseUniqueKeys() {
        assertPlan("file by v1 key", tx -> tx.nodes().fileByKey(BIG_PROJECT, "dir0/f010001"),
                "Index Scan using nodes_by_key");
        assertPlan("a file's blob (every download)", tx -> tx.nodes().fileBlobId(AFTER_FILE.id()),
                "Index Scan using nodes_pkey");
        assertPlan("child by name", tx -> tx.nodes().child(BIG_FOLDER, "f010001"),
                "Index Scan using nodes_parent_id_name_key");
        assertPlan("folder has children", tx -> tx.nodes().hasChildren(BIG_FOLDER),
                "using nodes_parent_id_name_key");
        assertPlan("delete a file", tx -> {
            tx.nodes().delete(AFTER_FILE.id());
            return null;
        }, "Index Scan using nodes_pkey");
    }

    // ---- tokens, uploads, collector ----

    @Test
    void tokenLookupByHashUsesItsUniqueIndex() {
        assertPlan("token by secret hash", tx -> tx.tokens().bySecretHash("0123456789abcdef"),
                "Index Scan using tokens_secret_hash_key");
        assertPlan("tokens of a user", tx -> tx.tokens().forUser("usr_000007"), "tokens_by_user");
    }

    @Test
    void uploadQueriesUseTheirIndexes() {
        assertPlan("parts of an upload", tx -> tx.uploads().parts("up_000700"), "upload_parts_pkey");
        assertPlan("open uploads of a user", tx -> tx.uploads().openForUser("usr_000007", 0, 50),
                "uploads_open_by_user");
        assertPlan("open uploads of a user, total", tx -> tx.uploads().countOpenForUser("usr_000007"),
                "uploads_open_by_user");
        // The sessions expire at 86,401..91,400 µs: the first hundred are past this cut-off.
        assertPlan("finished uploads past their retention", tx -> tx.uploads().deleteFinished(
                Instant.EPOCH.plusNanos(86_500_000), 500), "uploads_by_state");
        assertPlan("expired uploads", tx -> tx.uploads().expired(Instant.ofEpochSecond(90_000), 100),
                "uploads_by_state");
        assertPlan("blobs being assembled", tx -> tx.uploads().blobsBeingAssembled(), "uploads_by_state");
    }

    /**
     * Every upload start and file publication in a project with a quota reads its storage: one row
     * of project_storage (the stored counts are kept by triggers) and its unfinished uploads through
     * the partial index, never the project's files. project_storage has a row per project; with the
     * 100 projects here it is one page, which PostgreSQL rightly reads whole rather than through its
     * primary key, so that one table alone may be read sequentially.
     */
    @Test
    void projectStorageIsOneRowAndItsUnfinishedUploads() {
        for (String label : List.of("project storage", "project storage, locked")) {
            String plan = plan(tx -> {
                if (label.endsWith("locked")) {
                    tx.storage().lock(BIG_PROJECT);
                }
                return tx.storage().of(BIG_PROJECT);
            });
            PLANS.put(label, plan);
            assertThat(plan.replace("Seq Scan on project_storage", "")).as(label)
                    .doesNotContain("Seq Scan").doesNotContain(" on nodes");
            assertThat(plan).as(label).contains("Index Only Scan using uploads_unfinished_by_project");
        }
    }

    @Test
    void unreferencedBlobsAreAnAntiJoinOfTwoIndexes() {
        assertPlan("unreferenced blobs", tx -> tx.blobs().unreferenced(Instant.ofEpochSecond(1_000_000), 100),
                "blobs_pkey", "Index Only Scan using nodes_by_blob", "trashed_nodes_by_blob");
    }

    // ---- the trash ----

    /** One of the deleted files in the trash of SMALL_PROJECT (plans/large-namespace.sql). */
    private static final TrashItem TRASHED = new TrashItem("000000000000000000030982", SMALL_PROJECT, "dir-0042-1",
            "t199042", NodeType.FILE, "dir1/t199042", 1, 1000, "user42", Instant.EPOCH, Instant.ofEpochSecond(1_000_000));

    @Test
    void theTrashIsListedAndLookedUpThroughItsIndexes() {
        Instant now = Instant.EPOCH;
        assertPlan("trash page", tx -> tx.trash().list(SMALL_PROJECT, null, now, 0, 50), "trash_items_by_project");
        assertPlan("trash page of a path", tx -> tx.trash().list(SMALL_PROJECT, "dir1/t199042", now, 0, 50),
                "trash_items_by_key");
        assertPlan("trash item", tx -> tx.trash().item(SMALL_PROJECT, TRASHED.id(), now), "trash_items_pkey");
        assertPlan("expired trash", tx -> tx.trash().expired(Instant.ofEpochSecond(1_000_000), 100),
                "trash_items_by_expiry");
    }

    @Test
    void movingIntoAndOutOfTheTrashReadsOnlyTheRowsItMoves() {
        Node folder = new Node(SMALL_FOLDER, SMALL_PROJECT, "root-0042", "dir3", NodeType.FOLDER, "dir3/", null, 0, null,
                null, null, null, null, null, Instant.EPOCH, Instant.EPOCH);
        assertPlan("trash a folder", tx -> tx.trash().put(folder, "user42", Instant.EPOCH, Instant.EPOCH), "nodes_by_key");
        assertPlan("restore", tx -> tx.trash().restore(TRASHED, "dir-0042-1", "t199042", "dir1/t199042", Instant.EPOCH),
                "trash_items_pkey", "trashed_nodes_by_item");
        assertPlan("purge", tx -> tx.trash().purge(TRASHED.id(), 500), "trashed_nodes_by_item", "trashed_nodes_pkey");
    }

    /** Plans what {@code call} executes (in a transaction rolled back afterwards) and checks the plans. */
    /** An index-only or bitmap scan of the tag index: which one depends on the visibility map. */
    private static final String TAG_INDEX_SCAN = "(Index Only Scan using|Bitmap Index Scan on) node_tags_in_folder";
    private static final String ANY_TAG_INDEX_SCAN = "(Scan using|Index Scan on) node_tags_(in_folder|pkey)";

    private static void assertPlanMatches(String label, Function<Tx, ?> call, String pattern) {
        String plan = plan(call);
        PLANS.put(label, plan);
        assertThat(plan).as(label).doesNotContain("Seq Scan").containsPattern(pattern);
    }

    private static void assertPlan(String label, Function<Tx, ?> call, String... expected) {
        String plan = plan(call);
        PLANS.put(label, plan);
        assertThat(plan).as(label).doesNotContain("Seq Scan").contains(expected);
    }

    private static String plan(Function<Tx, ?> call) {
        List<String> statements = jdbi.inTransaction(handle -> {
            RECORDER.drain();
            call.apply(new SqlTx(handle, Dialect.POSTGRESQL));
            List<String> executed = RECORDER.drain();
            handle.rollback();
            return executed;
        });
        StringBuilder plans = new StringBuilder();
        jdbi.useHandle(handle -> {
            for (String sql : statements) {
                plans.append(abbreviate(sql.replaceAll("\\s+", " "))).append('\n');
                handle.createQuery("EXPLAIN (COSTS OFF) " + sql).mapTo(String.class)
                        .forEach(line -> plans.append("    ").append(abbreviate(line)).append('\n'));
            }
        });
        return plans.toString();
    }

    /** Shortens the id lists of the metadata and tag loads to their first id. */
    private static String abbreviate(String text) {
        String arrays = LONG_ARRAY.matcher(text).replaceAll(r -> Matcher.quoteReplacement("'{" + r.group(1) + ",…}'::text[]"));
        return LONG_IN_LIST.matcher(arrays).replaceAll(r -> Matcher.quoteReplacement("IN (" + r.group(1) + ", …)"));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = PostgresQueryPlanTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
