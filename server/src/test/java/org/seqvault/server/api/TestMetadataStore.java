package org.seqvault.server.api;

import java.nio.file.Path;
import org.seqvault.testkit.stores.TestPostgres;

/** The database settings of a test server. */
record TestMetadataStore(String jdbcUrl, String user, String password) {

    static TestMetadataStore sqlite(Path dataDir) {
        return new TestMetadataStore("jdbc:sqlite:" + dataDir.resolve("seqvault.db"), null, null);
    }

    /** A new database on the embedded PostgreSQL server this JVM shares. */
    static TestMetadataStore postgres(Path dataDir) {
        TestPostgres.Database db = TestPostgres.newDatabase();
        return new TestMetadataStore(db.jdbcUrl(), db.user(), db.password());
    }
}
