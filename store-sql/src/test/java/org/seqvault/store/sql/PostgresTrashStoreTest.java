package org.seqvault.store.sql;

import org.seqvault.service.port.MetadataStore;
import org.seqvault.testkit.stores.TestPostgres;

/** The trash contract on PostgreSQL 18: one embedded server for the class, a fresh database per test. */
class PostgresTrashStoreTest extends TrashStoreContractTest {
    @Override
    protected MetadataStore newStore() {
        TestPostgres.Database db = TestPostgres.newDatabase();
        return SqlMetadataStore.open(db.jdbcUrl(), db.user(), db.password());
    }
}
