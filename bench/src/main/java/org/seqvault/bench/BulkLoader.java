package org.seqvault.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads the synthetic project straight into SeqVault's own tables (the schema its migrations
 * made), next to a workspace and a blob created through the API, so every file points at real
 * bytes. The tables' secondary indexes are dropped first and rebuilt after (as they were: their
 * definitions are read from the database), the usual way to bulk-load; the primary and unique
 * keys stay in place and are maintained row by row. Both databases load on {@link #THREADS}
 * threads, one per core:
 * <ul>
 * <li>SQLite has one writer, so one thread makes the rows while the other writes them, a few
 *     hundred rows per INSERT statement, in large transactions with the journal and syncs off
 *     (the file is fsync'd at the end, {@link #syncDatabase}); its sorter gets a helper thread
 *     for the index builds. SQLite checks no foreign keys unless asked; the triggers that give
 *     metadata and tag rows their file's folder (V14) are dropped with the indexes and made again
 *     after, as the loader writes that column itself.</li>
 * <li>PostgreSQL gets COPY from {@link #THREADS} connections at once, each committing batches of
 *     files, with foreign-key and other triggers off for those sessions (the loader writes the
 *     folder column of metadata and tag rows that V14's triggers would); the indexes are then built two at a
 *     time, and VACUUM (ANALYZE) does what autovacuum would do shortly after such a load (statistics
 *     and the visibility map, which index-only scans need); a CHECKPOINT makes it all durable.
 *     The tables stay logged throughout: every row goes through the WAL.</li>
 * </ul>
 */
final class BulkLoader {
    /** One loading thread per core of the benchmark machine. */
    static final int THREADS = 2;
    private static final int BATCH_FILES = 10_000;
    private static final String NODE_COLUMNS = "id, project_id, parent_id, name, is_folder, node_key, blob_id, size, md5,"
            + " sha256, content_type, created_at, modified_at";
    private static final int NODE_COLUMN_COUNT = 13;

    /** The workspace's ids and the one blob every loaded file points to. */
    record Target(String projectId, String rootFolderId, String blobId, long size, String md5, String sha256) {
    }

    /** A source of connections to the database being loaded. */
    interface Connections {
        Connection connect() throws SQLException;
    }

    private final FindData data;
    private final Target target;
    private final long now = System.currentTimeMillis() * 1000;
    private final List<String> dropped = new ArrayList<>();
    private final List<String> phases = new ArrayList<>();

    BulkLoader(FindData data, Target target) {
        this.data = data;
        this.target = target;
    }

    void loadSqlite(Connection c) throws Exception {
        List<String> indexes;
        List<String> triggers;
        try (Statement s = c.createStatement()) {
            // A loader needs no per-transaction durability or rollback journal: the server is stopped,
            // the load is redone if it fails, and the file is fsync'd once at the end (syncDatabase).
            s.execute("PRAGMA journal_mode = OFF");
            s.execute("PRAGMA synchronous = OFF");
            // Room to sort index entries in memory when the indexes are rebuilt, and a second sorting thread.
            // A sort larger than the cache spills to temporary files (temp_store FILE): in memory, the
            // 100,000,000 metadata entries of a 10M-file load would take as many GB of RAM as they have.
            s.execute("PRAGMA cache_size = -1048576");
            s.execute("PRAGMA temp_store = FILE");
            s.execute("PRAGMA threads = " + (THREADS - 1));
            indexes = dropSqlite(s, "index", "'nodes', 'node_metadata', 'node_tags'", dropped);
            // The per-row triggers of the detail tables, which would update every row just written.
            triggers = dropSqlite(s, "trigger", "'node_metadata', 'node_tags'", new ArrayList<>());
        }
        c.setAutoCommit(false);
        long phase = System.nanoTime();
        ExecutorService maker = Executors.newSingleThreadExecutor();
        try (MultiRowInsert nodes = new MultiRowInsert(c, "nodes", NODE_COLUMNS, NODE_COLUMN_COUNT);
             MultiRowInsert meta = new MultiRowInsert(c, "node_metadata", "node_id, meta_key, meta_value, parent_id", 4);
             MultiRowInsert tags = new MultiRowInsert(c, "node_tags", "node_id, tag, position, parent_id", 4)) {
            Object[] folders = new Object[data.folders() * NODE_COLUMN_COUNT];
            for (int f = 0; f < data.folders(); f++) {
                folderRow(folders, f * NODE_COLUMN_COUNT, f);
            }
            nodes.insert(folders, folders.length);
            // The next batch is made on the other core while this one is written.
            Future<RowBatch> next = maker.submit(() -> rows(0));
            for (int from = 0; from < data.files(); from += BATCH_FILES) {
                RowBatch batch = next.get();
                if (from + BATCH_FILES < data.files()) {
                    int following = from + BATCH_FILES;
                    next = maker.submit(() -> rows(following));
                }
                nodes.insert(batch.nodes(), batch.nodes().length);
                meta.insert(batch.metadata(), batch.metadataValues());
                tags.insert(batch.tags(), batch.tags().length);
                c.commit();
            }
        } finally {
            maker.shutdownNow();
        }
        c.setAutoCommit(true);
        phase = lap("INSERT", phase);
        try (Statement s = c.createStatement()) {
            for (String ddl : indexes) {
                s.execute(ddl);
            }
            for (String ddl : triggers) {
                s.execute(ddl);
            }
            lap("indexes", phase);
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA journal_mode = WAL");
        }
    }

    /**
     * Drops the schema's own objects of one type (index, trigger) on the tables, adding their names to
     * {@code names}; returns their definitions, read back so they are recreated exactly as the
     * migrations wrote them.
     */
    private static List<String> dropSqlite(Statement s, String type, String tables, List<String> names) throws SQLException {
        List<String> definitions = new ArrayList<>();
        List<String> these = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = '" + type + "'"
                + " AND sql IS NOT NULL AND tbl_name IN (" + tables + ")")) {
            while (rs.next()) {
                these.add(rs.getString(1));
                definitions.add(rs.getString(2));
            }
        }
        for (String name : these) {
            s.execute("DROP " + type.toUpperCase(java.util.Locale.ROOT) + " " + name);
        }
        names.addAll(these);
        return definitions;
    }

    /** The rows of files [from, from + BATCH_FILES), as flat arrays in column order. */
    private record RowBatch(Object[] nodes, Object[] metadata, int metadataValues, Object[] tags) {
    }

    private RowBatch rows(int from) {
        int to = Math.min(data.files(), from + BATCH_FILES);
        Object[] nodes = new Object[(to - from) * NODE_COLUMN_COUNT];
        Object[] metadata = new Object[(to - from) * 4 * 16];
        List<Object> tags = new ArrayList<>((to - from) * 12);
        int m = 0;
        for (int i = from; i < to; i++) {
            fileRow(nodes, (i - from) * NODE_COLUMN_COUNT, i);
            String id = FindData.fileId(i);
            String folder = FindData.folderId(data.folderOf(i));
            for (Map.Entry<String, String> e : data.metadata(i).entrySet()) {
                if (m + 4 > metadata.length) {
                    metadata = java.util.Arrays.copyOf(metadata, metadata.length * 2);
                }
                metadata[m++] = id;
                metadata[m++] = e.getKey();
                metadata[m++] = e.getValue();
                metadata[m++] = folder;
            }
            List<String> fileTags = data.tags(i);
            for (int k = 0; k < fileTags.size(); k++) {
                tags.add(id);
                tags.add(fileTags.get(k));
                tags.add(k);
                tags.add(folder);
            }
        }
        return new RowBatch(nodes, metadata, m, tags.toArray());
    }

    /** Makes a loaded SQLite file durable: the load ran without syncs. */
    static void syncDatabase(java.nio.file.Path file) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    void loadPostgres(Connections db) throws Exception {
        List<String> indexes = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            loadingSession(c);
            // Secondary indexes that no constraint owns, read back so they are recreated exactly.
            try (ResultSet rs = s.executeQuery("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                    + " AND tablename IN ('nodes', 'node_metadata', 'node_tags')"
                    + " AND indexname NOT IN (SELECT conname FROM pg_constraint)")) {
                while (rs.next()) {
                    dropped.add(rs.getString(1));
                    indexes.add(rs.getString(2));
                }
            }
            for (String name : dropped) {
                s.execute("DROP INDEX " + name);
            }
            StringBuilder nodes = new StringBuilder();
            for (int f = 0; f < data.folders(); f++) {
                nodes.append(FindData.folderId(f)).append('\t').append(target.projectId()).append('\t')
                        .append(target.rootFolderId()).append('\t').append(FindData.folderName(f)).append("\t1\t")
                        .append(FindData.folderName(f)).append("/\t\\N\t0\t\\N\t\\N\t\\N\t").append(now).append('\t')
                        .append(now).append('\n');
            }
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY nodes (" + NODE_COLUMNS + ") FROM STDIN",
                    new StringReader(nodes.toString()));
        }
        long phase = System.nanoTime();
        AtomicInteger nextBatch = new AtomicInteger();
        inParallel(THREADS, worker -> {
            try (Connection c = db.connect()) {
                loadingSession(c);
                c.setAutoCommit(false);
                CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
                for (int from; (from = nextBatch.getAndIncrement() * BATCH_FILES) < data.files(); ) {
                    copyFiles(copy, from, Math.min(data.files(), from + BATCH_FILES));
                    c.commit();
                }
            }
        });
        phase = lap("COPY", phase);
        // Each build may use parallel workers of its own; two at a time keep both cores busy between them.
        inParallel(THREADS, worker -> {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("SET maintenance_work_mem = '512MB'");
                for (int i = worker; i < indexes.size(); i += THREADS) {
                    s.execute(indexes.get(i));
                }
            }
        });
        phase = lap("indexes", phase);
        List<String> tables = List.of("node_metadata", "nodes", "node_tags");
        inParallel(THREADS, worker -> {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                for (int i = worker; i < tables.size(); i += THREADS) {
                    s.execute("VACUUM (ANALYZE) " + tables.get(i));
                }
            }
        });
        phase = lap("VACUUM (ANALYZE)", phase);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CHECKPOINT");
        }
        lap("CHECKPOINT", phase);
    }

    /** Where a load's time went, e.g. "COPY 31.0 s, indexes 18.2 s, …" or "INSERT 25.1 s, indexes 14.0 s". */
    String phases() {
        return String.join(", ", phases);
    }

    private long lap(String name, long since) {
        phases.add(String.format(java.util.Locale.ROOT, "%s %.1f s", name, BenchContext.seconds(since)));
        return System.nanoTime();
    }

    /**
     * Settings of a loading session: durability once at the end (CHECKPOINT) rather than per batch,
     * and no per-row foreign-key triggers (the rows are consistent by construction, and the
     * constraints stay in the schema for every later write).
     */
    private static void loadingSession(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off");
            s.execute("SET session_replication_role = replica");
        }
    }

    private void copyFiles(CopyManager copy, int from, int to) throws SQLException, IOException {
        StringBuilder n = new StringBuilder(), m = new StringBuilder(), t = new StringBuilder();
        for (int i = from; i < to; i++) {
            String id = FindData.fileId(i);
            String folder = FindData.folderId(data.folderOf(i));
            n.append(id).append('\t').append(target.projectId()).append('\t')
                    .append(folder).append('\t').append(FindData.fileName(i))
                    .append("\t0\t").append(data.fileKey(i)).append('\t').append(target.blobId()).append('\t')
                    .append(target.size()).append('\t').append(target.md5()).append('\t').append(target.sha256())
                    .append("\tapplication/octet-stream\t").append(now).append('\t').append(now).append('\n');
            for (Map.Entry<String, String> e : data.metadata(i).entrySet()) {
                m.append(id).append('\t').append(e.getKey()).append('\t').append(e.getValue()).append('\t').append(folder)
                        .append('\n');
            }
            List<String> tags = data.tags(i);
            for (int k = 0; k < tags.size(); k++) {
                t.append(id).append('\t').append(tags.get(k)).append('\t').append(k).append('\t').append(folder).append('\n');
            }
        }
        copy.copyIn("COPY nodes (" + NODE_COLUMNS + ") FROM STDIN", new StringReader(n.toString()));
        copy.copyIn("COPY node_metadata (node_id, meta_key, meta_value, parent_id) FROM STDIN", new StringReader(m.toString()));
        copy.copyIn("COPY node_tags (node_id, tag, position, parent_id) FROM STDIN", new StringReader(t.toString()));
    }

    private interface Work {
        void run(int worker) throws Exception;
    }

    /** Runs {@code work} on {@code threads} threads (worker 0 … threads-1) and waits for all; the first failure is thrown. */
    private static void inParallel(int threads, Work work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int worker = w;
                running.add(pool.submit(() -> {
                    work.run(worker);
                    return null;
                }));
            }
            for (Future<?> f : running) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The indexes the last load dropped and recreated, for the report. */
    List<String> droppedIndexes() {
        return dropped;
    }

    private void folderRow(Object[] row, int at, int f) {
        Object[] values = {FindData.folderId(f), target.projectId(), target.rootFolderId(), FindData.folderName(f), 1,
            FindData.folderName(f) + "/", null, 0L, null, null, null, now, now};
        System.arraycopy(values, 0, row, at, NODE_COLUMN_COUNT);
    }

    private void fileRow(Object[] row, int at, int i) {
        Object[] values = {FindData.fileId(i), target.projectId(), FindData.folderId(data.folderOf(i)), FindData.fileName(i),
            0, data.fileKey(i), target.blobId(), target.size(), target.md5(), target.sha256(), "application/octet-stream",
            now, now};
        System.arraycopy(values, 0, row, at, NODE_COLUMN_COUNT);
    }
}
