package org.seqvault.store.sql;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.seqvault.service.port.MetadataStore;

/** The trash contract on SQLite. */
class SqliteTrashStoreTest extends TrashStoreContractTest {
    @TempDir
    Path dir;

    @Override
    protected MetadataStore newStore() {
        return SqlMetadataStore.open("jdbc:sqlite:" + dir.resolve("seqvault.db"), null, null);
    }
}
