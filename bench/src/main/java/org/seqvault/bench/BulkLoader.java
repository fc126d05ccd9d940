package org.seqvault.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads the synthetic project straight into SeqVault's own tables (the schema its migrations
 * made), next to a workspace and a blob created through the API, so every file points at real
 * bytes. The tables' secondary indexes are dropped first and rebuilt after (as they were: their
 * definitions are read from the database), the usual way to bulk-load. SQLite gets batched
 * prepared inserts in large transactions (SQLite checks no foreign keys unless asked); PostgreSQL
 * gets COPY with its foreign-key triggers off for the session, then ANALYZE (what autovacuum
 * would do shortly after such a load) and a CHECKPOINT.
 */
final class BulkLoader {
    private static final int BATCH_FILES = 20_000;

    /** The workspace's ids and the one blob every loaded file points to. */
    record Target(String projectId, String rootFolderId, String blobId, long size, String md5, String sha256) {
    }

    private final FindData data;
    private final Target target;
    private final long now = System.currentTimeMillis() * 1000;
    private final List<String> dropped = new ArrayList<>();

    BulkLoader(FindData data, Target target) {
        this.data = data;
        this.target = target;
    }

    void loadSqlite(Connection c) throws SQLException {
        List<String> indexes = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            // A loader needs no per-transaction durability or rollback journal: the server is stopped,
            // the load is redone if it fails, and the file is fsync'd once at the end (syncDatabase).
            s.execute("PRAGMA journal_mode = OFF");
            s.execute("PRAGMA synchronous = OFF");
            // Room to sort index entries in memory when the indexes are rebuilt.
            s.execute("PRAGMA cache_size = -1048576");
            s.execute("PRAGMA temp_store = MEMORY");
            // The schema's own secondary indexes, read back so they are recreated exactly as the migrations wrote them.
            try (ResultSet rs = s.executeQuery("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
                    + " AND tbl_name IN ('nodes', 'node_metadata', 'node_tags')")) {
                while (rs.next()) {
                    indexes.add(rs.getString(2));
                    dropped.add(rs.getString(1));
                }
            }
            for (String name : dropped) {
                s.execute("DROP INDEX " + name);
            }
        }
        c.setAutoCommit(false);
        try (PreparedStatement node = c.prepareStatement("INSERT INTO nodes (id, project_id, parent_id, name, is_folder,"
                + " node_key, blob_id, size, md5, sha256, content_type, description, origin_task, created_at, modified_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, ?, ?)");
             PreparedStatement meta = c.prepareStatement(
                     "INSERT INTO node_metadata (node_id, meta_key, meta_value) VALUES (?, ?, ?)");
             PreparedStatement tag = c.prepareStatement(
                     "INSERT INTO node_tags (node_id, tag, position) VALUES (?, ?, ?)")) {
            for (int f = 0; f < data.folders(); f++) {
                bindFolder(node, f);
                node.addBatch();
            }
            node.executeBatch();
            for (int i = 0; i < data.files(); i++) {
                bindFile(node, i);
                node.addBatch();
                for (Map.Entry<String, String> m : data.metadata(i).entrySet()) {
                    meta.setString(1, FindData.fileId(i));
                    meta.setString(2, m.getKey());
                    meta.setString(3, m.getValue());
                    meta.addBatch();
                }
                List<String> tags = data.tags(i);
                for (int t = 0; t < tags.size(); t++) {
                    tag.setString(1, FindData.fileId(i));
                    tag.setString(2, tags.get(t));
                    tag.setInt(3, t);
                    tag.addBatch();
                }
                if ((i + 1) % BATCH_FILES == 0 || i + 1 == data.files()) {
                    node.executeBatch();
                    meta.executeBatch();
                    tag.executeBatch();
                    c.commit();
                }
            }
        }
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            for (String ddl : indexes) {
                s.execute(ddl);
            }
            s.execute("PRAGMA synchronous = FULL");
            s.execute("PRAGMA journal_mode = WAL");
        }
    }

    /** Makes a loaded SQLite file durable: the load ran without syncs. */
    static void syncDatabase(java.nio.file.Path file) throws IOException {
        try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    void loadPostgres(Connection c) throws SQLException, IOException {
        List<String> indexes = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            // Durability once at the end (CHECKPOINT below) rather than per batch.
            s.execute("SET synchronous_commit = off");
            // No per-row foreign-key triggers: the rows are consistent by construction, and the
            // constraints stay in the schema for every later write.
            s.execute("SET session_replication_role = replica");
            s.execute("SET maintenance_work_mem = '512MB'");
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
        }
        c.setAutoCommit(false);
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder nodes = new StringBuilder();
        for (int f = 0; f < data.folders(); f++) {
            nodes.append(FindData.folderId(f)).append('\t').append(target.projectId()).append('\t')
                    .append(target.rootFolderId()).append('\t').append(FindData.folderName(f)).append("\t1\t")
                    .append(FindData.folderName(f)).append("/\t\\N\t0\t\\N\t\\N\t\\N\t").append(now).append('\t')
                    .append(now).append('\n');
        }
        copy.copyIn("COPY nodes (id, project_id, parent_id, name, is_folder, node_key, blob_id, size, md5, sha256,"
                + " content_type, created_at, modified_at) FROM STDIN", new StringReader(nodes.toString()));
        for (int from = 0; from < data.files(); from += BATCH_FILES) {
            int to = Math.min(data.files(), from + BATCH_FILES);
            StringBuilder n = new StringBuilder(), m = new StringBuilder(), t = new StringBuilder();
            for (int i = from; i < to; i++) {
                String id = FindData.fileId(i);
                n.append(id).append('\t').append(target.projectId()).append('\t')
                        .append(FindData.folderId(data.folderOf(i))).append('\t').append(FindData.fileName(i))
                        .append("\t0\t").append(data.fileKey(i)).append('\t').append(target.blobId()).append('\t')
                        .append(target.size()).append('\t').append(target.md5()).append('\t').append(target.sha256())
                        .append("\tapplication/octet-stream\t").append(now).append('\t').append(now).append('\n');
                for (Map.Entry<String, String> e : data.metadata(i).entrySet()) {
                    m.append(id).append('\t').append(e.getKey()).append('\t').append(e.getValue()).append('\n');
                }
                List<String> tags = data.tags(i);
                for (int k = 0; k < tags.size(); k++) {
                    t.append(id).append('\t').append(tags.get(k)).append('\t').append(k).append('\n');
                }
            }
            copy.copyIn("COPY nodes (id, project_id, parent_id, name, is_folder, node_key, blob_id, size, md5, sha256,"
                    + " content_type, created_at, modified_at) FROM STDIN", new StringReader(n.toString()));
            copy.copyIn("COPY node_metadata (node_id, meta_key, meta_value) FROM STDIN", new StringReader(m.toString()));
            copy.copyIn("COPY node_tags (node_id, tag, position) FROM STDIN", new StringReader(t.toString()));
            c.commit();
        }
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("SET session_replication_role = DEFAULT");
            for (String ddl : indexes) {
                s.execute(ddl);
            }
            s.execute("ANALYZE");
            s.execute("CHECKPOINT");
        }
    }

    /** The indexes the last load dropped and recreated, for the report. */
    List<String> droppedIndexes() {
        return dropped;
    }

    private void bindFolder(PreparedStatement node, int f) throws SQLException {
        node.setString(1, FindData.folderId(f));
        node.setString(2, target.projectId());
        node.setString(3, target.rootFolderId());
        node.setString(4, FindData.folderName(f));
        node.setInt(5, 1);
        node.setString(6, FindData.folderName(f) + "/");
        node.setString(7, null);
        node.setLong(8, 0);
        node.setString(9, null);
        node.setString(10, null);
        node.setString(11, null);
        node.setLong(12, now);
        node.setLong(13, now);
    }

    private void bindFile(PreparedStatement node, int i) throws SQLException {
        node.setString(1, FindData.fileId(i));
        node.setString(2, target.projectId());
        node.setString(3, FindData.folderId(data.folderOf(i)));
        node.setString(4, FindData.fileName(i));
        node.setInt(5, 0);
        node.setString(6, data.fileKey(i));
        node.setString(7, target.blobId());
        node.setLong(8, target.size());
        node.setString(9, target.md5());
        node.setString(10, target.sha256());
        node.setString(11, "application/octet-stream");
        node.setLong(12, now);
        node.setLong(13, now);
    }
}
