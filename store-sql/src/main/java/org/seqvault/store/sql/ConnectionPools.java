package org.seqvault.store.sql;

import com.zaxxer.hikari.HikariDataSource;

/** The pools a store reads and writes through; the same pool for both when the database has no single-writer limit. */
record ConnectionPools(HikariDataSource readers, HikariDataSource writers) implements AutoCloseable {

    @Override
    public void close() {
        try {
            readers.close();
        } finally {
            if (writers != readers) {
                writers.close();
            }
        }
    }
}
