package org.seqvault.store.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
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
