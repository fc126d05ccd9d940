package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.domain.User;
import org.seqvault.service.port.MetadataStore;
import org.seqvault.service.port.MetadataStore.Tx;

class SqliteMetadataStoreTest extends MetadataStoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected MetadataStore newStore() {
        return SqlMetadataStore.open(url(dir.resolve("seqvault.db")), null, null);
    }

    /**
     * An installation upgraded to the collector's notes keeps what the earlier collector would have
     * reclaimed on its next pass: blobs no file points to, and blobs of uploads that ended unpublished.
     */
    @Test
    void theUpgradeNotesWhatTheEarlierCollectorWouldHaveReclaimed() throws Exception {
        String url = url(dir.resolve("upgraded.db"));
        Flyway.configure().dataSource(url, null, null).locations(Dialect.SQLITE.migrationLocations().toArray(String[]::new))
                .placeholders(Dialect.SQLITE.migrationPlaceholders()).target("3").load().migrate();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String blob : new String[] {"blob-used", "blob-unused"}) {
                s.executeUpdate("INSERT INTO blobs (id, size, md5, sha256, segments, created_at) VALUES ('" + blob
                        + "', 1, 'm', 's', 1, 0)");
            }
            s.executeUpdate("INSERT INTO nodes (id, project_id, parent_id, name, is_folder, node_key, blob_id, size,"
                    + " created_at, modified_at) VALUES ('node-1', 'prj', NULL, 'a', 0, 'a', 'blob-used', 1, 0, 0)");
            String[][] uploads = {{"up-aborted", "ABORTED", "'blob-of-aborted'"}, {"up-expired", "EXPIRED",
                    "'blob-of-expired'"}, {"up-open", "OPEN", "NULL"}, {"up-completing", "COMPLETING",
                    "'blob-being-assembled'"}, {"up-done", "DONE", "'blob-used'"}};
            for (String[] u : uploads) {
                s.executeUpdate("INSERT INTO uploads (id, user_id, project_id, name, size, part_size, part_count,"
                        + " overwrite, state, blob_id, created_at, expires_at) VALUES ('" + u[0] + "', 'usr', 'prj',"
                        + " 'x', 1, 1, 1, 0, '" + u[1] + "', " + u[2] + ", 0, 0)");
            }
        }

        try (MetadataStore store = SqlMetadataStore.open(url, null, null)) {
            assertThat(store.read((Tx tx) -> tx.blobs().reclaimable(null, 10)))
                    .containsExactly("blob-of-aborted", "blob-of-expired", "blob-unused");
            assertThat(store.write((Tx tx) -> tx.blobs().claimSweep(TestData.T0, TestData.T0.minusSeconds(1))))
                    .as("the first pass after the upgrade sweeps the whole store").isTrue();
        }
    }

    @Test
    void createsTheDirectoryAndReopensWithTheDataKept() throws Exception {
        Path file = dir.resolve("nested/deeper/seqvault.db");
        User bob = TestData.user("bob");
        try (MetadataStore store = SqlMetadataStore.open(url(file), null, null)) {
            store.write(tx -> tx.users().insert(bob));
        }
        try (MetadataStore store = SqlMetadataStore.open(url(file), null, null)) {
            assertThat(store.read((Tx tx) -> tx.users().byId(bob.id()))).contains(bob);
        }
        try (Connection c = DriverManager.getConnection(url(file));
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("PRAGMA journal_mode")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void refusesAnInMemoryDatabase() {
        assertThatThrownBy(() -> SqlMetadataStore.open("jdbc:sqlite::memory:", null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("in-memory");
    }

    private static String url(Path file) {
        return "jdbc:sqlite:" + file;
    }
}
